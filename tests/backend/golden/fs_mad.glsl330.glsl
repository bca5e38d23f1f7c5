#version 330
in B_g0 { vec4 g0; };
layout(location = 0) out vec4 o0;
void main()
{
	o0 = -(g0 * vec4(0.5, 2.0, 0.1, -3.25) + (g0 + 1.0));
}
