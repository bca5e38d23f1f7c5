#version 330
layout(location = 0) in vec4 a0;
out B_g0 { vec4 g0; };
void main()
{
	uint p2 = 0u;
	uint p3 = 0u;
	while (true) {
		if (int(p3) >= 3) {
			break;
		}
		uint p17 = p2;
		uint p19 = 0u;
		uint p18 = p3;
		while (true) {
			if (int(p19) >= 3) {
				break;
			}
			p17 = p17 + 1u;
			p19 = p19 + 1u;
			p18 = 2u;
		}
		p2 = p17;
		p3 = p18 + 1u;
	}
	g0 = p2 == 3u ? vec4(0.0, 1.0, 0.0, 1.0) : vec4(1.0, 0.0, 0.0, 1.0);
	gl_Position = a0;
}
