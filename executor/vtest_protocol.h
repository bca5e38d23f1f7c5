/* vtest_protocol.h: the vtest wire protocol (virglrenderer's vtest/vtest_protocol.h) as
 * Mesa 22.3's virgl vtest winsys speaks it: message ids, payload layouts and reply shapes.
 *
 * Every message starts with two dwords, [length, id].  The length is in dwords except for
 * CREATE_RENDERER (bytes of the NUL-terminated name).  Two messages lie about their length:
 * TRANSFER_PUT (v1) counts ceil(data_size / 4) data dwords but only data_size bytes follow,
 * and TRANSFER_PUT2 counts the same dwords although no data follows at all (the data is in
 * the shared memory).  The server frames both by their header dwords, not by the length.
 */
#ifndef VTEST_PROTOCOL_H
#define VTEST_PROTOCOL_H

#define VTEST_DEFAULT_SOCKET "/tmp/.virgl_test"

/* Highest protocol version we speak: 2 (shared-memory resources, TRANSFER_*2).  Version 3
 * (server-allocated resource ids, blobs, syncs) is what newer clients ask for; they accept a
 * lower answer and fall back. */
#define VTEST_PROTOCOL_MAX 2

#define VTEST_HDR_DWORDS 2
#define VTEST_HDR_LEN 0
#define VTEST_HDR_ID 1

enum vtest_cmd {
    VCMD_GET_CAPS = 1,
    VCMD_RESOURCE_CREATE = 2,
    VCMD_RESOURCE_UNREF = 3,
    VCMD_TRANSFER_GET = 4,
    VCMD_TRANSFER_PUT = 5,
    VCMD_SUBMIT_CMD = 6,
    VCMD_RESOURCE_BUSY_WAIT = 7,
    VCMD_CREATE_RENDERER = 8,
    VCMD_GET_CAPS2 = 9,
    VCMD_PING_PROTOCOL_VERSION = 10,
    VCMD_PROTOCOL_VERSION = 11,
    VCMD_RESOURCE_CREATE2 = 12,
    VCMD_TRANSFER_GET2 = 13,
    VCMD_TRANSFER_PUT2 = 14,
    VCMD_MAX = 25           /* ids up to SUBMIT_CMD2 (24) exist; we reject those past 14 */
};

/* RESOURCE_CREATE (10 dwords) and RESOURCE_CREATE2 (11: plus the shm size in bytes). */
enum {
    VRES_HANDLE, VRES_TARGET, VRES_FORMAT, VRES_BIND, VRES_WIDTH, VRES_HEIGHT, VRES_DEPTH,
    VRES_ARRAY_SIZE, VRES_LAST_LEVEL, VRES_NR_SAMPLES, VRES_DATA_SIZE,
    VRES_CREATE_DWORDS = 10, VRES_CREATE2_DWORDS = 11
};

/* TRANSFER_GET/PUT (v1, 11 dwords, then data_size inline bytes for PUT / in the reply for
 * GET). */
enum {
    VXFER_HANDLE, VXFER_LEVEL, VXFER_STRIDE, VXFER_LAYER_STRIDE, VXFER_X, VXFER_Y, VXFER_Z,
    VXFER_W, VXFER_H, VXFER_D, VXFER_DATA_SIZE, VXFER_DWORDS
};

/* TRANSFER_GET2/PUT2 (10 dwords; data in the resource's shared memory at offset). */
enum {
    VXFER2_HANDLE, VXFER2_LEVEL, VXFER2_X, VXFER2_Y, VXFER2_Z, VXFER2_W, VXFER2_H, VXFER2_D,
    VXFER2_DATA_SIZE, VXFER2_OFFSET, VXFER2_DWORDS
};

/* RESOURCE_BUSY_WAIT: [handle, flags]; reply [1, BUSY_WAIT][busy]. */
#define VBUSY_WAIT_DWORDS 2
#define VBUSY_FLAG_WAIT 1u

/* Capability replies: GET_CAPS2 answers with header id 2 and GET_CAPS with id 1 (the capset
 * numbers, not the command ids), and their length field is the caps size in bytes plus one,
 * which is what virglrenderer sends and what the client subtracts. */
#define VCAPS_REPLY_ID_V1 1
#define VCAPS_REPLY_ID_V2 2

#endif
