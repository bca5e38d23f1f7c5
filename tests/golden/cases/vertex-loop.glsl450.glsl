#version 450
layout(location = 0) in vec4 a0;
out B_g0 { vec4 g0; };
void main()
{
	uint p1 = 0u;
	uint p2 = 0u;
	while (true) {
		if (int(p2) >= 3) {
			break;
		}
		uint p11 = p1;
		uint p13 = 0u;
		uint p12 = p2;
		while (true) {
			if (int(p13) >= 3) {
				break;
			}
			p11 = p11 + 1u;
			p13 = p13 + 1u;
			p12 = 2u;
		}
		p1 = p11;
		p2 = p12 + 1u;
	}
	g0 = p1 == 3u ? vec4(0.0, 1.0, 0.0, 1.0) : vec4(1.0, 0.0, 0.0, 1.0);
	gl_Position = a0;
}
