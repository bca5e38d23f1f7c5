#version 330
in B_tc0 { vec4 tc0; };
layout(location = 0) out vec4 o0;
uniform sampler2DShadow fs_s2;
void main()
{
	o0 = vec4(texture(fs_s2, vec3(tc0.xy, tc0.z)));
}
