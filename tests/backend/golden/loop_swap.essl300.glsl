#version 300 es
precision highp float;
precision highp int;
out vec4 g0;
void main()
{
	int p3 = 0;
	float p5 = 2.0;
	float p4 = 1.0;
	while (true) {
		if (p3 >= 4) {
			break;
		}
		p3 = p3 + 1;
		float pt5_5 = p5;
		p5 = p4;
		p4 = pt5_5;
	}
	g0 = vec4(p4, p5, 0.0, 1.0);
}
