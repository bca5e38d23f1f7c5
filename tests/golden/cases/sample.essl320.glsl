#version 320 es
precision highp float;
precision highp int;
in B_g0 { vec4 g0; };
in B_g1 { vec4 g1; };
layout(location = 0) out vec4 o0;
layout(std140, binding = 0) uniform fs_cb0 { vec4 fs_u0[2]; };
layout(binding = 0) uniform highp sampler2D fs_s0;
void main()
{
	o0 = min(max(texture(fs_s0, g0.xy) * vec4(max(dot(g1.xyz, fs_u0[0].xyz), 0.0)) + fs_u0[1], vec4(0.0)), vec4(1.0));
}
