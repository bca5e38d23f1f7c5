/* formats.c: the one table mapping virgl (gallium) formats to GL storage, pixel transfer,
 * swizzle emulation and vertex attribute layouts. */
#include <string.h>

#include "vrend_priv.h"

#define S FMT_SAMPLE
#define R FMT_RENDER
#define V FMT_VERTEX
#define SR (FMT_SAMPLE | FMT_RENDER)
#define SRV (FMT_SAMPLE | FMT_RENDER | FMT_VERTEX)
#define SV (FMT_SAMPLE | FMT_VERTEX)
#define I FMT_INT
#define U FMT_UINT
#define C (FMT_COMPRESSED | FMT_SAMPLE)
#define D (FMT_DEPTH | FMT_HAS_DEPTH)
#define DS (FMT_DEPTH | FMT_HAS_DEPTH | FMT_STENCIL)
#define F FMT_FLOAT
#define SRGB FMT_SRGB
#define DT FMT_DESKTOP

/* virgl id, internal, format, type, bytes, block w, block h, flags, swizzle,
 * vertex components, vertex type, normalized */
#define T(id, in, fm, ty, b, fl, sw, vc, vt, vn) \
    { id, in, fm, ty, b, 1, 1, fl, sw, vc, vt, vn }
#define TV(id, vc, vt, vn, b) { id, 0, 0, 0, b, 1, 1, V, "rgba", vc, vt, vn }
#define TC(id, in, b, fl) { id, in, 0, 0, b, 4, 4, fl, "rgba", 0, 0, false }

static const struct vformat table[] = {
    T(1, GL_RGBA8, GL_BGRA, GL_UNSIGNED_BYTE, 4, SRV, "rgba", VCOMPS_BGRA, GL_UNSIGNED_BYTE, true),
    T(2, GL_RGBA8, GL_BGRA, GL_UNSIGNED_BYTE, 4, SR, "rgb1", 0, 0, false),
    T(5, GL_RGB5_A1, GL_BGRA, GL_UNSIGNED_SHORT_1_5_5_5_REV, 2, SR, "rgba", 0, 0, false),
    T(6, GL_RGBA4, GL_BGRA, GL_UNSIGNED_SHORT_4_4_4_4_REV, 2, SR, "rgba", 0, 0, false),
    T(7, GL_RGB565, GL_RGB, GL_UNSIGNED_SHORT_5_6_5, 2, SR, "rgba", 0, 0, false),
    T(8, GL_RGB10_A2, GL_RGBA, GL_UNSIGNED_INT_2_10_10_10_REV, 4, SRV, "rgba", 4,
      GL_UNSIGNED_INT_2_10_10_10_REV, true),
    T(9, GL_R8, GL_RED, GL_UNSIGNED_BYTE, 1, SR, "rrr1", 0, 0, false),
    T(10, GL_R8, GL_RED, GL_UNSIGNED_BYTE, 1, SR, "000r", 0, 0, false),
    T(11, GL_R8, GL_RED, GL_UNSIGNED_BYTE, 1, S, "rrrr", 0, 0, false),
    T(12, GL_RG8, GL_RG, GL_UNSIGNED_BYTE, 2, S, "rrrg", 0, 0, false),
    T(13, GL_R16, GL_RED, GL_UNSIGNED_SHORT, 2, SR, "rrr1", 0, 0, false),
    T(16, GL_DEPTH_COMPONENT16, GL_DEPTH_COMPONENT, GL_UNSIGNED_SHORT, 2, D, "rrrr", 0, 0, false),
    T(18, GL_DEPTH_COMPONENT32F, GL_DEPTH_COMPONENT, GL_FLOAT, 4, D, "rrrr", 0, 0, false),
    T(20, GL_DEPTH24_STENCIL8, GL_DEPTH_STENCIL, GL_UNSIGNED_INT_24_8, 4, DS, "rrrr", 0, 0, false),
    T(22, GL_DEPTH_COMPONENT24, GL_DEPTH_COMPONENT, GL_UNSIGNED_INT, 4, D, "rrrr", 0, 0, false),
    T(23, GL_STENCIL_INDEX8, GL_STENCIL_INDEX, GL_UNSIGNED_BYTE, 1, FMT_STENCIL | FMT_DEPTH,
      "rrrr", 0, 0, false),
    T(24, 0, 0, 0, 8, V, "rgba", 1, GL_DOUBLE, false),
    T(25, 0, 0, 0, 16, V, "rgba", 2, GL_DOUBLE, false),
    T(26, 0, 0, 0, 24, V, "rgba", 3, GL_DOUBLE, false),
    T(27, 0, 0, 0, 32, V, "rgba", 4, GL_DOUBLE, false),
    T(28, GL_R32F, GL_RED, GL_FLOAT, 4, SRV | F, "rgba", 1, GL_FLOAT, false),
    T(29, GL_RG32F, GL_RG, GL_FLOAT, 8, SRV | F, "rgba", 2, GL_FLOAT, false),
    T(30, GL_RGB32F, GL_RGB, GL_FLOAT, 12, SV | F, "rgba", 3, GL_FLOAT, false),
    T(31, GL_RGBA32F, GL_RGBA, GL_FLOAT, 16, SRV | F, "rgba", 4, GL_FLOAT, false),
    TV(32, 1, GL_UNSIGNED_INT, true, 4), TV(33, 2, GL_UNSIGNED_INT, true, 8),
    TV(34, 3, GL_UNSIGNED_INT, true, 12), TV(35, 4, GL_UNSIGNED_INT, true, 16),
    TV(36, 1, GL_UNSIGNED_INT, false, 4), TV(37, 2, GL_UNSIGNED_INT, false, 8),
    TV(38, 3, GL_UNSIGNED_INT, false, 12), TV(39, 4, GL_UNSIGNED_INT, false, 16),
    TV(40, 1, GL_INT, true, 4), TV(41, 2, GL_INT, true, 8),
    TV(42, 3, GL_INT, true, 12), TV(43, 4, GL_INT, true, 16),
    TV(44, 1, GL_INT, false, 4), TV(45, 2, GL_INT, false, 8),
    TV(46, 3, GL_INT, false, 12), TV(47, 4, GL_INT, false, 16),
    T(48, GL_R16, GL_RED, GL_UNSIGNED_SHORT, 2, SRV, "rgba", 1, GL_UNSIGNED_SHORT, true),
    T(49, GL_RG16, GL_RG, GL_UNSIGNED_SHORT, 4, SRV, "rgba", 2, GL_UNSIGNED_SHORT, true),
    T(50, GL_RGB16, GL_RGB, GL_UNSIGNED_SHORT, 6, SV, "rgba", 3, GL_UNSIGNED_SHORT, true),
    T(51, GL_RGBA16, GL_RGBA, GL_UNSIGNED_SHORT, 8, SRV, "rgba", 4, GL_UNSIGNED_SHORT, true),
    TV(52, 1, GL_UNSIGNED_SHORT, false, 2), TV(53, 2, GL_UNSIGNED_SHORT, false, 4),
    TV(54, 3, GL_UNSIGNED_SHORT, false, 6), TV(55, 4, GL_UNSIGNED_SHORT, false, 8),
    T(56, GL_R16_SNORM, GL_RED, GL_SHORT, 2, SRV, "rgba", 1, GL_SHORT, true),
    T(57, GL_RG16_SNORM, GL_RG, GL_SHORT, 4, SRV, "rgba", 2, GL_SHORT, true),
    T(58, GL_RGB16_SNORM, GL_RGB, GL_SHORT, 6, SV, "rgba", 3, GL_SHORT, true),
    T(59, GL_RGBA16_SNORM, GL_RGBA, GL_SHORT, 8, SRV, "rgba", 4, GL_SHORT, true),
    TV(60, 1, GL_SHORT, false, 2), TV(61, 2, GL_SHORT, false, 4),
    TV(62, 3, GL_SHORT, false, 6), TV(63, 4, GL_SHORT, false, 8),
    T(64, GL_R8, GL_RED, GL_UNSIGNED_BYTE, 1, SRV, "rgba", 1, GL_UNSIGNED_BYTE, true),
    T(65, GL_RG8, GL_RG, GL_UNSIGNED_BYTE, 2, SRV, "rgba", 2, GL_UNSIGNED_BYTE, true),
    T(66, GL_RGB8, GL_RGB, GL_UNSIGNED_BYTE, 3, SV, "rgba", 3, GL_UNSIGNED_BYTE, true),
    T(67, GL_RGBA8, GL_RGBA, GL_UNSIGNED_BYTE, 4, SRV, "rgba", 4, GL_UNSIGNED_BYTE, true),
    TV(69, 1, GL_UNSIGNED_BYTE, false, 1), TV(70, 2, GL_UNSIGNED_BYTE, false, 2),
    TV(71, 3, GL_UNSIGNED_BYTE, false, 3), TV(72, 4, GL_UNSIGNED_BYTE, false, 4),
    T(74, GL_R8_SNORM, GL_RED, GL_BYTE, 1, SRV, "rgba", 1, GL_BYTE, true),
    T(75, GL_RG8_SNORM, GL_RG, GL_BYTE, 2, SRV, "rgba", 2, GL_BYTE, true),
    T(76, GL_RGB8_SNORM, GL_RGB, GL_BYTE, 3, SV, "rgba", 3, GL_BYTE, true),
    T(77, GL_RGBA8_SNORM, GL_RGBA, GL_BYTE, 4, SRV, "rgba", 4, GL_BYTE, true),
    TV(82, 1, GL_BYTE, false, 1), TV(83, 2, GL_BYTE, false, 2),
    TV(84, 3, GL_BYTE, false, 3), TV(85, 4, GL_BYTE, false, 4),
    TV(87, 1, GL_FIXED, false, 4), TV(88, 2, GL_FIXED, false, 8),
    TV(89, 3, GL_FIXED, false, 12), TV(90, 4, GL_FIXED, false, 16),
    T(91, GL_R16F, GL_RED, GL_HALF_FLOAT, 2, SRV | F, "rgba", 1, GL_HALF_FLOAT, false),
    T(92, GL_RG16F, GL_RG, GL_HALF_FLOAT, 4, SRV | F, "rgba", 2, GL_HALF_FLOAT, false),
    T(93, GL_RGB16F, GL_RGB, GL_HALF_FLOAT, 6, SV | F, "rgba", 3, GL_HALF_FLOAT, false),
    T(94, GL_RGBA16F, GL_RGBA, GL_HALF_FLOAT, 8, SRV | F, "rgba", 4, GL_HALF_FLOAT, false),
    T(97, GL_SRGB8, GL_RGB, GL_UNSIGNED_BYTE, 3, S | SRGB, "rgba", 0, 0, false),
    T(100, GL_SRGB8_ALPHA8, GL_BGRA, GL_UNSIGNED_BYTE, 4, SR | SRGB, "rgba", 0, 0, false),
    T(101, GL_SRGB8_ALPHA8, GL_BGRA, GL_UNSIGNED_BYTE, 4, SR | SRGB, "rgb1", 0, 0, false),
    T(104, GL_SRGB8_ALPHA8, GL_RGBA, GL_UNSIGNED_BYTE, 4, SR | SRGB, "rgba", 0, 0, false),
    TC(105, GL_COMPRESSED_RGB_S3TC_DXT1_EXT, 8, C),
    TC(106, GL_COMPRESSED_RGBA_S3TC_DXT1_EXT, 8, C),
    TC(107, GL_COMPRESSED_RGBA_S3TC_DXT3_EXT, 16, C),
    TC(108, GL_COMPRESSED_RGBA_S3TC_DXT5_EXT, 16, C),
    TC(109, GL_COMPRESSED_SRGB_S3TC_DXT1_EXT, 8, C | SRGB),
    TC(110, GL_COMPRESSED_SRGB_ALPHA_S3TC_DXT1_EXT, 8, C | SRGB),
    TC(111, GL_COMPRESSED_SRGB_ALPHA_S3TC_DXT3_EXT, 16, C | SRGB),
    TC(112, GL_COMPRESSED_SRGB_ALPHA_S3TC_DXT5_EXT, 16, C | SRGB),
    TC(113, GL_COMPRESSED_RED_RGTC1, 8, C),
    TC(114, GL_COMPRESSED_SIGNED_RED_RGTC1, 8, C),
    TC(115, GL_COMPRESSED_RG_RGTC2, 16, C),
    TC(116, GL_COMPRESSED_SIGNED_RG_RGTC2, 16, C),
    T(123, 0, 0, 0, 4, V, "rgba", 4, GL_UNSIGNED_INT_2_10_10_10_REV, false),
    T(124, GL_R11F_G11F_B10F, GL_RGB, GL_UNSIGNED_INT_10F_11F_11F_REV, 4, SRV | F, "rgba", 3,
      GL_UNSIGNED_INT_10F_11F_11F_REV, false),
    T(125, GL_RGB9_E5, GL_RGB, GL_UNSIGNED_INT_5_9_9_9_REV, 4, S | F, "rgba", 0, 0, false),
    T(126, GL_DEPTH32F_STENCIL8, GL_DEPTH_STENCIL, GL_FLOAT_32_UNSIGNED_INT_24_8_REV, 8, DS,
      "rrrr", 0, 0, false),
    T(131, GL_RGB10_A2, GL_BGRA, GL_UNSIGNED_INT_2_10_10_10_REV, 4, SRV, "rgba", VCOMPS_BGRA,
      GL_UNSIGNED_INT_2_10_10_10_REV, true),
    T(134, GL_RGBA8, GL_RGBA, GL_UNSIGNED_BYTE, 4, SR, "rgb1", 0, 0, false),
    /* Stencil views of packed depth-stencil resources (sampled as usampler). */
    T(136, GL_DEPTH24_STENCIL8, GL_DEPTH_STENCIL, GL_UNSIGNED_INT_24_8, 4,
      FMT_STENCIL | FMT_DEPTH | U, "rrrr", 0, 0, false),
    T(137, GL_DEPTH24_STENCIL8, GL_DEPTH_STENCIL, GL_UNSIGNED_INT_24_8, 4,
      FMT_STENCIL | FMT_DEPTH | U, "rrrr", 0, 0, false),
    T(138, GL_DEPTH32F_STENCIL8, GL_DEPTH_STENCIL, GL_FLOAT_32_UNSIGNED_INT_24_8_REV, 8,
      FMT_STENCIL | FMT_DEPTH | U, "rrrr", 0, 0, false),
    T(172, 0, 0, 0, 4, V, "rgba", 4, GL_INT_2_10_10_10_REV, false),
    T(173, 0, 0, 0, 4, V, "rgba", 4, GL_INT_2_10_10_10_REV, true),
    /* B10G10R10A2_SNORM: vertices only (GL takes BGRA order for normalized attributes only,
     * so the scaled BGRA formats are left to the guest to convert). */
    T(176, 0, 0, 0, 4, V, "rgba", VCOMPS_BGRA, GL_INT_2_10_10_10_REV, true),
    /* The 8- and 16-bit RGB integer formats are vertex formats only: GL cannot render to
     * them, and Mesa takes the first format it may sample for GL_RGB8UI & co., so offering
     * them to sample makes its textures unrenderable; without them it picks the RGBX forms
     * (231, 232, 237, 238), as with virglrenderer. */
    T(177, GL_R8UI, GL_RED_INTEGER, GL_UNSIGNED_BYTE, 1, SRV | U, "rgba", 1, GL_UNSIGNED_BYTE, false),
    T(178, GL_RG8UI, GL_RG_INTEGER, GL_UNSIGNED_BYTE, 2, SRV | U, "rgba", 2, GL_UNSIGNED_BYTE, false),
    T(179, GL_RGB8UI, GL_RGB_INTEGER, GL_UNSIGNED_BYTE, 3, V | U, "rgba", 3, GL_UNSIGNED_BYTE, false),
    T(180, GL_RGBA8UI, GL_RGBA_INTEGER, GL_UNSIGNED_BYTE, 4, SRV | U, "rgba", 4, GL_UNSIGNED_BYTE, false),
    T(181, GL_R8I, GL_RED_INTEGER, GL_BYTE, 1, SRV | I, "rgba", 1, GL_BYTE, false),
    T(182, GL_RG8I, GL_RG_INTEGER, GL_BYTE, 2, SRV | I, "rgba", 2, GL_BYTE, false),
    T(183, GL_RGB8I, GL_RGB_INTEGER, GL_BYTE, 3, V | I, "rgba", 3, GL_BYTE, false),
    T(184, GL_RGBA8I, GL_RGBA_INTEGER, GL_BYTE, 4, SRV | I, "rgba", 4, GL_BYTE, false),
    T(185, GL_R16UI, GL_RED_INTEGER, GL_UNSIGNED_SHORT, 2, SRV | U, "rgba", 1, GL_UNSIGNED_SHORT, false),
    T(186, GL_RG16UI, GL_RG_INTEGER, GL_UNSIGNED_SHORT, 4, SRV | U, "rgba", 2, GL_UNSIGNED_SHORT, false),
    T(187, GL_RGB16UI, GL_RGB_INTEGER, GL_UNSIGNED_SHORT, 6, V | U, "rgba", 3, GL_UNSIGNED_SHORT, false),
    T(188, GL_RGBA16UI, GL_RGBA_INTEGER, GL_UNSIGNED_SHORT, 8, SRV | U, "rgba", 4, GL_UNSIGNED_SHORT, false),
    T(189, GL_R16I, GL_RED_INTEGER, GL_SHORT, 2, SRV | I, "rgba", 1, GL_SHORT, false),
    T(190, GL_RG16I, GL_RG_INTEGER, GL_SHORT, 4, SRV | I, "rgba", 2, GL_SHORT, false),
    T(191, GL_RGB16I, GL_RGB_INTEGER, GL_SHORT, 6, V | I, "rgba", 3, GL_SHORT, false),
    T(192, GL_RGBA16I, GL_RGBA_INTEGER, GL_SHORT, 8, SRV | I, "rgba", 4, GL_SHORT, false),
    T(193, GL_R32UI, GL_RED_INTEGER, GL_UNSIGNED_INT, 4, SRV | U, "rgba", 1, GL_UNSIGNED_INT, false),
    T(194, GL_RG32UI, GL_RG_INTEGER, GL_UNSIGNED_INT, 8, SRV | U, "rgba", 2, GL_UNSIGNED_INT, false),
    T(195, GL_RGB32UI, GL_RGB_INTEGER, GL_UNSIGNED_INT, 12, SV | U, "rgba", 3, GL_UNSIGNED_INT, false),
    T(196, GL_RGBA32UI, GL_RGBA_INTEGER, GL_UNSIGNED_INT, 16, SRV | U, "rgba", 4, GL_UNSIGNED_INT, false),
    T(197, GL_R32I, GL_RED_INTEGER, GL_INT, 4, SRV | I, "rgba", 1, GL_INT, false),
    T(198, GL_RG32I, GL_RG_INTEGER, GL_INT, 8, SRV | I, "rgba", 2, GL_INT, false),
    T(199, GL_RGB32I, GL_RGB_INTEGER, GL_INT, 12, SV | I, "rgba", 3, GL_INT, false),
    T(200, GL_RGBA32I, GL_RGBA_INTEGER, GL_INT, 16, SRV | I, "rgba", 4, GL_INT, false),
    T(253, GL_RGB10_A2UI, GL_RGBA_INTEGER, GL_UNSIGNED_INT_2_10_10_10_REV, 4, SR | U, "rgba", 0, 0, false),
    T(3, GL_RGBA8, GL_BGRA, GL_UNSIGNED_INT_8_8_8_8, 4, SR, "rgba", 0, 0, false),
    T(4, GL_RGBA8, GL_BGRA, GL_UNSIGNED_INT_8_8_8_8, 4, SR, "rgb1", 0, 0, false),
    T(17, GL_DEPTH_COMPONENT32, GL_DEPTH_COMPONENT, GL_UNSIGNED_INT, 4, D, "rrrr", 0, 0, false),
    T(121, GL_RGBA8, GL_RGBA, GL_UNSIGNED_INT_8_8_8_8, 4, SR, "rgba", 0, 0, false),
    T(122, GL_RGB5_A1, GL_BGRA, GL_UNSIGNED_SHORT_1_5_5_5_REV, 2, SR, "rgb1", 0, 0, false),
    T(135, GL_RGBA4, GL_BGRA, GL_UNSIGNED_SHORT_4_4_4_4_REV, 2, SR, "rgb1", 0, 0, false),
    T(139, GL_R3_G3_B2, GL_RGB, GL_UNSIGNED_BYTE_3_3_2, 1, SR, "rgba", 0, 0, false),
    T(141, GL_R16, GL_RED, GL_UNSIGNED_SHORT, 2, SR, "000r", 0, 0, false),
    T(148, GL_R8_SNORM, GL_RED, GL_BYTE, 1, SR, "rrr1", 0, 0, false),
    T(152, GL_R16_SNORM, GL_RED, GL_SHORT, 2, SR, "rrr1", 0, 0, false),
    T(155, GL_R16F, GL_RED, GL_HALF_FLOAT, 2, SR | F, "000r", 0, 0, false),
    T(156, GL_R16F, GL_RED, GL_HALF_FLOAT, 2, SR | F, "rrr1", 0, 0, false),
    T(159, GL_R32F, GL_RED, GL_FLOAT, 4, SR | F, "000r", 0, 0, false),
    T(160, GL_R32F, GL_RED, GL_FLOAT, 4, SR | F, "rrr1", 0, 0, false),
    /* Luminance-alpha, intensity and signed alpha formats Mesa keeps as such: sampled
     * (texture buffers too) only, their channels moved by the swizzle; desktop hosts. */
    T(140, GL_RG16, GL_RG, GL_UNSIGNED_SHORT, 4, S | DT, "rrrg", 0, 0, false),
    T(142, GL_R16, GL_RED, GL_UNSIGNED_SHORT, 2, S | DT, "rrrr", 0, 0, false),
    T(147, GL_R8_SNORM, GL_RED, GL_BYTE, 1, S | DT, "000r", 0, 0, false),
    T(149, GL_RG8_SNORM, GL_RG, GL_BYTE, 2, S | DT, "rrrg", 0, 0, false),
    T(150, GL_R8_SNORM, GL_RED, GL_BYTE, 1, S | DT, "rrrr", 0, 0, false),
    T(151, GL_R16_SNORM, GL_RED, GL_SHORT, 2, S | DT, "000r", 0, 0, false),
    T(153, GL_RG16_SNORM, GL_RG, GL_SHORT, 4, S | DT, "rrrg", 0, 0, false),
    T(154, GL_R16_SNORM, GL_RED, GL_SHORT, 2, S | DT, "rrrr", 0, 0, false),
    T(157, GL_RG16F, GL_RG, GL_HALF_FLOAT, 4, S | F | DT, "rrrg", 0, 0, false),
    T(158, GL_R16F, GL_RED, GL_HALF_FLOAT, 2, S | F | DT, "rrrr", 0, 0, false),
    T(161, GL_RG32F, GL_RG, GL_FLOAT, 8, S | F | DT, "rrrg", 0, 0, false),
    T(162, GL_R32F, GL_RED, GL_FLOAT, 4, S | F | DT, "rrrr", 0, 0, false),
    T(201, GL_R8UI, GL_RED_INTEGER, GL_UNSIGNED_BYTE, 1, SR | U, "000r", 0, 0, false),
    T(203, GL_R8UI, GL_RED_INTEGER, GL_UNSIGNED_BYTE, 1, SR | U, "rrr1", 0, 0, false),
    T(205, GL_R8I, GL_RED_INTEGER, GL_BYTE, 1, SR | I, "000r", 0, 0, false),
    T(207, GL_R8I, GL_RED_INTEGER, GL_BYTE, 1, SR | I, "rrr1", 0, 0, false),
    T(209, GL_R16UI, GL_RED_INTEGER, GL_UNSIGNED_SHORT, 2, SR | U, "000r", 0, 0, false),
    T(211, GL_R16UI, GL_RED_INTEGER, GL_UNSIGNED_SHORT, 2, SR | U, "rrr1", 0, 0, false),
    T(213, GL_R16I, GL_RED_INTEGER, GL_SHORT, 2, SR | I, "000r", 0, 0, false),
    T(215, GL_R16I, GL_RED_INTEGER, GL_SHORT, 2, SR | I, "rrr1", 0, 0, false),
    T(217, GL_R32UI, GL_RED_INTEGER, GL_UNSIGNED_INT, 4, SR | U, "000r", 0, 0, false),
    T(219, GL_R32UI, GL_RED_INTEGER, GL_UNSIGNED_INT, 4, SR | U, "rrr1", 0, 0, false),
    T(221, GL_R32I, GL_RED_INTEGER, GL_INT, 4, SR | I, "000r", 0, 0, false),
    T(223, GL_R32I, GL_RED_INTEGER, GL_INT, 4, SR | I, "rrr1", 0, 0, false),
    /* Integer intensity and luminance-alpha: sampled (texture buffers too) only;
     * desktop hosts. */
    T(202, GL_R8UI, GL_RED_INTEGER, GL_UNSIGNED_BYTE, 1, S | U | DT, "rrrr", 0, 0, false),
    T(204, GL_RG8UI, GL_RG_INTEGER, GL_UNSIGNED_BYTE, 2, S | U | DT, "rrrg", 0, 0, false),
    T(206, GL_R8I, GL_RED_INTEGER, GL_BYTE, 1, S | I | DT, "rrrr", 0, 0, false),
    T(208, GL_RG8I, GL_RG_INTEGER, GL_BYTE, 2, S | I | DT, "rrrg", 0, 0, false),
    T(210, GL_R16UI, GL_RED_INTEGER, GL_UNSIGNED_SHORT, 2, S | U | DT, "rrrr", 0, 0, false),
    T(212, GL_RG16UI, GL_RG_INTEGER, GL_UNSIGNED_SHORT, 4, S | U | DT, "rrrg", 0, 0, false),
    T(214, GL_R16I, GL_RED_INTEGER, GL_SHORT, 2, S | I | DT, "rrrr", 0, 0, false),
    T(216, GL_RG16I, GL_RG_INTEGER, GL_SHORT, 4, S | I | DT, "rrrg", 0, 0, false),
    T(218, GL_R32UI, GL_RED_INTEGER, GL_UNSIGNED_INT, 4, S | U | DT, "rrrr", 0, 0, false),
    T(220, GL_RG32UI, GL_RG_INTEGER, GL_UNSIGNED_INT, 8, S | U | DT, "rrrg", 0, 0, false),
    T(222, GL_R32I, GL_RED_INTEGER, GL_INT, 4, S | I | DT, "rrrr", 0, 0, false),
    T(224, GL_RG32I, GL_RG_INTEGER, GL_INT, 8, S | I | DT, "rrrg", 0, 0, false),
    T(225, GL_RGB10_A2UI, GL_BGRA_INTEGER, GL_UNSIGNED_INT_2_10_10_10_REV, 4, SR | U, "rgba", 0, 0, false),
    T(229, GL_RGBA8_SNORM, GL_RGBA, GL_BYTE, 4, SR, "rgb1", 0, 0, false),
    T(230, GL_SRGB8_ALPHA8, GL_RGBA, GL_UNSIGNED_BYTE, 4, SR | SRGB, "rgb1", 0, 0, false),
    T(231, GL_RGBA8UI, GL_RGBA_INTEGER, GL_UNSIGNED_BYTE, 4, SR | U, "rgb1", 0, 0, false),
    T(232, GL_RGBA8I, GL_RGBA_INTEGER, GL_BYTE, 4, SR | I, "rgb1", 0, 0, false),
    T(233, GL_RGB10_A2, GL_BGRA, GL_UNSIGNED_INT_2_10_10_10_REV, 4, SR, "rgb1", 0, 0, false),
    T(234, GL_RGBA16, GL_RGBA, GL_UNSIGNED_SHORT, 8, SR, "rgb1", 0, 0, false),
    T(235, GL_RGBA16_SNORM, GL_RGBA, GL_SHORT, 8, SR, "rgb1", 0, 0, false),
    T(236, GL_RGBA16F, GL_RGBA, GL_HALF_FLOAT, 8, SR | F, "rgb1", 0, 0, false),
    T(237, GL_RGBA16UI, GL_RGBA_INTEGER, GL_UNSIGNED_SHORT, 8, SR | U, "rgb1", 0, 0, false),
    T(238, GL_RGBA16I, GL_RGBA_INTEGER, GL_SHORT, 8, SR | I, "rgb1", 0, 0, false),
    /* R32G32B32X32: Mesa samples R32G32B32 from buffers only, so without these GL_RGB32F &
     * co. take RGBA storage and blend with the destination's stored alpha. */
    T(239, GL_RGBA32F, GL_RGBA, GL_FLOAT, 16, SR | F, "rgb1", 0, 0, false),
    T(240, GL_RGBA32UI, GL_RGBA_INTEGER, GL_UNSIGNED_INT, 16, SR | U, "rgb1", 0, 0, false),
    T(241, GL_RGBA32I, GL_RGBA_INTEGER, GL_INT, 16, SR | I, "rgb1", 0, 0, false),
    T(308, GL_RGB10_A2, GL_RGBA, GL_UNSIGNED_INT_2_10_10_10_REV, 4, SR, "rgb1", 0, 0, false),
    /* EXT_texture_sRGB_R8 / _RG8 where the host has them (formats_probe). */
    T(312, GL_SR8_EXT, GL_RED, GL_UNSIGNED_BYTE, 1, S | SRGB, "rgba", 0, 0, false),
    T(313, GL_SRG8_EXT, GL_RG, GL_UNSIGNED_BYTE, 2, S | SRGB, "rgba", 0, 0, false),
    TC(255, GL_COMPRESSED_RGBA_BPTC_UNORM, 16, C),
    TC(256, GL_COMPRESSED_SRGB_ALPHA_BPTC_UNORM, 16, C | SRGB),
    TC(257, GL_COMPRESSED_RGB_BPTC_SIGNED_FLOAT, 16, C),
    TC(258, GL_COMPRESSED_RGB_BPTC_UNSIGNED_FLOAT, 16, C),
};

static const struct vformat *index_[VIRGL_FORMAT_TABLE_MAX];
static bool indexed;

/* The index is built once and only read afterwards; two renderers building it at the same
 * time write identical values. */
static void build_index(void)
{
    if (indexed)
        return;
    for (unsigned i = 0; i < sizeof table / sizeof table[0]; i++)
        index_[table[i].virgl] = &table[i];
    indexed = true;
}

const struct vformat *vformat_get(uint32_t f)
{
    build_index();
    if (f >= VIRGL_FORMAT_TABLE_MAX)
        return NULL;
    return index_[f];
}

GLenum vformat_read_point(const struct vformat *f, uint16_t fl)
{
    /* Stencil views of packed depth-stencil formats still store both. */
    bool d = (fl & FMT_HAS_DEPTH) || f->format == GL_DEPTH_STENCIL, s = fl & FMT_STENCIL;
    return d && s ? GL_DEPTH_STENCIL_ATTACHMENT : d ? GL_DEPTH_ATTACHMENT
                  : s ? GL_STENCIL_ATTACHMENT : GL_COLOR_ATTACHMENT0;
}

void formats_probe(struct vrend_renderer *r)
{
    build_index();
    bool s3tc = epoxy_has_gl_extension("GL_EXT_texture_compression_s3tc");
    bool bptc = r->gl_version >= 42 || epoxy_has_gl_extension("GL_ARB_texture_compression_bptc");
    bool sr8 = epoxy_has_gl_extension("GL_EXT_texture_sRGB_R8");
    bool srg8 = epoxy_has_gl_extension("GL_EXT_texture_sRGB_RG8");
    for (unsigned i = 0; i < sizeof table / sizeof table[0]; i++) {
        const struct vformat *f = &table[i];
        uint16_t fl = f->flags;
        if ((fl & FMT_COMPRESSED) && f->virgl >= 105 && f->virgl <= 112 && !s3tc)
            fl &= ~FMT_SAMPLE;
        if ((fl & FMT_COMPRESSED) && f->virgl >= 255 && !bptc)
            fl &= ~FMT_SAMPLE;
        if (r->gles && f->format == GL_BGRA)
            fl &= ~(FMT_SAMPLE | FMT_RENDER);
        if ((f->internal == GL_SR8_EXT && (r->es2 || !sr8)) ||
            (f->internal == GL_SRG8_EXT && (r->es2 || !srg8)))
            fl &= ~FMT_SAMPLE;
        r->fmt_caps[f->virgl] = fl;
    }
}

int vformat_stored_as(const struct vformat *f, int c)
{
    for (int j = 0; j < 4; j++)
        if (f->swizzle[j] == "rgba"[c])
            return j;
    return -1;
}
