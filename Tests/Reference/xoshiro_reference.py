"""Reference output of xoshiro256** seeded by SplitMix64 (Blackman & Vigna; Steele et al.), pure Python.

Used by Tests/SIMSSimulatorTests/RandomTests.swift (TestReference.xoshiroSeed0). Run: python3 xoshiro_reference.py
"""
M = (1 << 64) - 1


def splitmix(x):
    x = (x + 0x9E3779B97F4A7C15) & M
    z = x
    z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & M
    z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & M
    return x, z ^ (z >> 31)


def rotl(v, k):
    return ((v << k) | (v >> (64 - k))) & M


def xoshiro(seed, count):
    x, s = seed, []
    for _ in range(4):
        x, v = splitmix(x)
        s.append(v)
    out = []
    for _ in range(count):
        out.append((rotl((s[1] * 5) & M, 7) * 9) & M)
        t = (s[1] << 17) & M
        s[2] ^= s[0]; s[3] ^= s[1]; s[1] ^= s[2]; s[0] ^= s[3]; s[2] ^= t; s[3] = rotl(s[3], 45)
    return out


if __name__ == "__main__":
    print(xoshiro(0, 3))
