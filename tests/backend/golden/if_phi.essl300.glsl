#version 300 es
precision highp float;
precision highp int;
in vec4 g1;
layout(location = 0) out vec4 o0;
void main()
{
	vec4 r2[3];
	r2[0] = g1;
	vec4 t2 = r2[0];
	r2[0].xy = vec2(0.25);
	vec4 p11;
	if (g1.x < 0.5) {
		p11 = t2 * 2.0;
	} else {
		p11 = r2[0] - g1;
	}
	o0 = p11 + t2;
}
