#version 450
layout(triangles) in;
layout(triangle_strip, max_vertices = 3) out;
in B_g0 { vec4 g0; } i_g0[];
out B_g0 { vec4 g0; };
layout(std140, binding = 0) uniform gs_cb0 { uvec4 gs_u0[4]; };
void main()
{
	vec4 r0[3];
	r0[0] = i_g0[0].g0;
	r0[1] = i_g0[1].g0;
	r0[2] = i_g0[2].g0;
	bvec2 t16 = equal(max(gs_u0[0].xy, max(gs_u0[1].xy, gs_u0[2].xy)), gs_u0[3].xy);
	bool t44 = t16.x && t16.y;
	uint p27 = 0u;
	while (true) {
		int t28 = int(p27);
		if (t28 >= 3) {
			break;
		}
		gl_Position = r0[min(uint(t28), 2u)];
		g0 = t44 ? vec4(0.0, 1.0, 0.0, 1.0) : vec4(1.0, 0.0, 0.0, 1.0);
		EmitVertex();
		p27 = p27 + 1u;
	}
}
