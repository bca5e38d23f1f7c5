#version 330
#extension GL_ARB_shading_language_420pack : require
#extension GL_ARB_shader_image_load_store : require
layout(location = 0) out vec4 o0;
layout(r32ui, binding = 0) uniform volatile uimage1D fs_img0;
void main()
{
	uint t7;
	uint p2 = 4294967295u;
	uint p3 = 4294967294u;
	while (true) {
		t7 = imageAtomicMin(fs_img0, 0, p3);
		if (t7 == p2) {
			break;
		}
		p2 = t7;
		p3 = t7 + 4294967295u;
	}
	o0.x = uintBitsToFloat(t7);
	o0.yzw = vec3(0.0, 0.0, uintBitsToFloat(0x1u));
}
