#!/usr/bin/python3
"""Golden vectors for io.github.ecgid.signal.wavelet: pywt wavedec coefficients and the seed's denoising.

Usage: /usr/bin/python3 ecg-signal/src/test/python/make_wavelet_golden.py
Keys: signal|n, coef|wavelet|mode|n|level (cA_L then cD_L .. cD_1 concatenated), lens|... (their lengths),
rec|wavelet|mode|n (pywt.waverec length), denoise|rule|n (outputs at idx|n), level|n.
"""
import numpy as np
import pywt
from golden_common import test_signal, fmt, sample_idx, write, seed_denoise

ALL = ['db%d' % i for i in range(1, 11)] + ['sym%d' % i for i in range(2, 11)]
lines = []


def add_coefs(name, mode, x, level):
    c = pywt.wavedec(x, name, mode=mode, level=level)
    key = '%s|%s|%d|%d' % (name, mode, len(x), level)
    lines.append(('coef|' + key, fmt(np.concatenate(c), 13)))
    lines.append(('lens|' + key, ' '.join(str(len(v)) for v in c)))
    lines.append(('rec|' + key, str(len(pywt.waverec(c, name, mode=mode)))))


signals = {n: test_signal(250, n, seed=n) for n in (128, 301, 1000, 700, 3000)}
for n in (128, 301, 1000):
    lines.append(('signal|%d' % n, fmt(signals[n], 10)))
for name in ALL:
    for mode in ('symmetric', 'periodization'):
        add_coefs(name, mode, signals[128], pywt.dwt_max_level(128, name))
for name in ('db4', 'db6', 'sym8', 'db10'):
    for mode in ('symmetric', 'periodization'):
        add_coefs(name, mode, signals[301], pywt.dwt_max_level(301, name))
        add_coefs(name, mode, signals[301], 1)
add_coefs('db6', 'symmetric', signals[1000], 6)
add_coefs('sym8', 'periodization', signals[1000], 5)


for n in (700, 3000):
    x = signals[n]
    lines.append(('signal|%d' % n, fmt(x, 10)))
    idx = sample_idx(n)
    lines.append(('idx|%d' % n, ' '.join(str(i) for i in idx)))
    for rule in ('seed', 'visu'):
        y, level = seed_denoise(x, rule=rule)
        lines.append(('denoise|%s|%d' % (rule, n), fmt(y[idx], 13)))
        lines.append(('level|%d' % n, str(level)))
write('wavelets.csv', lines, 'pywt %s numpy %s' % (pywt.__version__, np.__version__))
