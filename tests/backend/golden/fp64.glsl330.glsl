#version 330
#extension GL_ARB_gpu_shader_fp64 : require
layout(location = 0) out vec4 o0;
in B_g0 { vec4 g0; };
void main()
{
	o0 = vec4(sqrt(dvec4(g0)));
}
