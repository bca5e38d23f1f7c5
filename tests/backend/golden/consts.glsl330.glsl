#version 330
layout(location = 0) out vec4 o0;
layout(location = 1) out vec4 o1;
void main()
{
	o0 = vec4(uintBitsToFloat(0x7fc00000u), uintBitsToFloat(0x7f800000u), uintBitsToFloat(0x1u), -0.0);
	o1 = vec4(0.1, 3.4028235e+38, 0.33333334, -100.0) + vec4(-0.0, uintBitsToFloat(0xfffffffbu), uintBitsToFloat(0x7u), uintBitsToFloat(0x7fffffffu));
}
