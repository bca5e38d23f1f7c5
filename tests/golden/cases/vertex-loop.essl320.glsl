#version 320 es
precision highp float;
precision highp int;
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
		uint p15 = p2;
		uint p17 = 0u;
		uint p16 = p3;
		while (true) {
			if (int(p17) >= 3) {
				break;
			}
			p15 = p15 + 1u;
			p17 = p17 + 1u;
			p16 = 2u;
		}
		p2 = p15;
		p3 = p16 + 1u;
	}
	g0 = p2 == 3u ? vec4(0.0, 1.0, 0.0, 1.0) : vec4(1.0, 0.0, 0.0, 1.0);
	gl_Position = a0;
}
