#version 450
in B_g0 { flat vec4 g0; };
in B_g1 { flat vec4 g1; };
in B_g2 { flat vec4 g2; };
in B_g3 { flat vec4 g3; };
layout(location = 0) out vec4 o0;
void main()
{
	o0 = floatBitsToUint(g3.x) == 904082915u && floatBitsToUint(g3.y) == 3232943075u && (floatBitsToUint(g2.z) == 1574133203u && floatBitsToUint(g2.w) == 3235380179u && (floatBitsToUint(g2.x) == 441522769u && floatBitsToUint(g2.y) == 1088232977u && (floatBitsToUint(g1.x) == 334304237u && floatBitsToUint(g1.y) == 1086564973u && (floatBitsToUint(g0.z) == 2705432898u && floatBitsToUint(g0.w) == 1086241857u && (floatBitsToUint(g0.x) == 4267245145u && floatBitsToUint(g0.y) == 3232348760u))))) ? vec4(0.0, 1.0, 0.0, 1.0) : vec4(1.0, 0.0, 0.0, 1.0);
}
