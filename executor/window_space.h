/* window_space.h: how the guest's window space maps onto the host's, the one fact every
 * orientation-dependent rule of the executor derives from.
 *
 * The host stores every surface row for row as the guest does (row 0 first in memory), and a
 * fragment lands at the same window coordinates on both sides.  Gallium counts those rows
 * downwards (y = 0 is the top); host GL counts the same rows upwards.  So:
 *   - a winding gallium calls counter-clockwise is clockwise to the host: the host keeps the
 *     guest's front_ccw bit as its glFrontFace and swaps every face-specific state instead
 *     (cull face, stencil sides; the compiler's fragcoord_y_flip negates the FACE input);
 *   - gallium's upper left is the host's lower left (gl_FragCoord, point sprite origin);
 *   - scissors, stipple patterns, blits and readbacks are in rows both sides count alike.
 * None of that depends on the viewport.  A guest rendering to a window-system buffer
 * (y-inverted, Mesa's Y_0_TOP) sends a viewport with a negative y scale, which GL cannot
 * take: the last vertex stage negates gl_Position.y instead (key.flip_y_in_vertex) and the
 * host viewport takes the scale's magnitude, which gives the guest's window coordinates
 * exactly; so the viewport's sign picks that negation and nothing else. */
#ifndef WINDOW_SPACE_H
#define WINDOW_SPACE_H

#include <stdbool.h>
#include <stdint.h>

#include <epoxy/gl.h>

/* glFrontFace for gallium's front_ccw bit. */
static inline GLenum ws_front_face(bool guest_ccw)
{
    return guest_ccw ? GL_CCW : GL_CW;
}

/* The host face that is gallium's PIPE_FACE_FRONT (1) or PIPE_FACE_BACK (2) or both (3). */
static inline GLenum ws_face(uint32_t pipe_face)
{
    return pipe_face == 1 ? GL_BACK : pipe_face == 2 ? GL_FRONT : GL_FRONT_AND_BACK;
}

/* GL_POINT_SPRITE_COORD_ORIGIN for gallium's sprite_coord_mode bit (1: lower left). */
static inline GLenum ws_sprite_origin(bool guest_lower_left)
{
    return guest_lower_left ? GL_UPPER_LEFT : GL_LOWER_LEFT;
}

#endif
