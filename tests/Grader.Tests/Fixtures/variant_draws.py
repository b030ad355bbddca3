#!/usr/bin/env python3
"""An independent implementation of per-student variants (README "Per-student variants"): SHA-256 of
"grader-variant\n<problem>\n<student>", its first 8 bytes little-endian as the SplitMix64 seed, normals by Marsaglia's
polar method. Prints the W of student alice in FeedbackTests' variant spec (problem v), pinned in that test."""
import hashlib, struct, math
def seed(pid, st):
    return struct.unpack('<Q', hashlib.sha256(f"grader-variant\n{pid}\n{st}".encode()).digest()[:8])[0]
M=(1<<64)-1
class R:
    def __init__(s, x): s.s=x; s.spare=None
    def u64(s):
        s.s=(s.s+0x9E3779B97F4A7C15)&M; z=s.s
        z=((z^(z>>30))*0xBF58476D1CE4E5B9)&M; z=((z^(z>>27))*0x94D049BB133111EB)&M; return z^(z>>31)
    def d(s): return (s.u64()>>11)*(1.0/(1<<53))
    def normal(s, m, sd):
        if s.spare is not None:
            v=s.spare; s.spare=None; return m+sd*v
        while True:
            u=2*s.d()-1; v=2*s.d()-1; r=u*u+v*v
            if 0<r<1: break
        f=math.sqrt(-2*math.log(r)/r); s.spare=v*f; return m+sd*u*f
r=R(seed("v","alice")); print([round(r.normal(0,1),2) for _ in range(4)])
