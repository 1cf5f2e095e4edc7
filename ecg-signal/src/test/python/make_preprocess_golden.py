#!/usr/bin/python3
"""Golden vectors for io.github.ecgid.signal.preprocess: the seed chain written with numpy/scipy/pywt.

Usage: /usr/bin/python3 ecg-signal/src/test/python/make_preprocess_golden.py
Keys: signal|fs|n (input mV), clean|fs|notch (output at idx|n), clipped|fs|notch (count).
"""
import numpy as np
from scipy import signal as ss
from golden_common import test_signal, fmt, sample_idx, write, seed_denoise


def seed_chain(x, fs, notch_hz=50.0):
    t = int(round(1.0 * fs))
    y = x[t:len(x) - t].copy()
    med = np.median(y)
    mad = np.median(np.abs(y - med))
    lim = 5 * 1.4826 * mad
    clipped = int(np.sum((y < med - lim) | (y > med + lim)))
    y = np.clip(y, med - lim, med + lim)
    y = y - np.mean(y)
    y = ss.sosfiltfilt(ss.tf2sos(*ss.iirnotch(notch_hz, 30, fs=fs)), y)
    y = ss.sosfiltfilt(ss.butter(4, [0.5, 40], 'bandpass', fs=fs, output='sos'), y)
    y, _ = seed_denoise(y)
    return y, clipped


lines = []
for fs, n, notch in ((250, 5000, 50.0), (360, 4000, 60.0)):
    x = test_signal(fs, n, seed=fs + 1)
    x[1234] += 9.0  # electrode pop: must be clipped
    x[2345] -= 7.0
    x = np.array([float('%.10g' % v) for v in x])
    lines.append(('signal|%d|%d' % (fs, n), fmt(x, 10)))
    y, clipped = seed_chain(x, fs, notch)
    idx = sample_idx(len(y), stride=17)
    lines.append(('idx|%d|%d' % (fs, n), ' '.join(str(i) for i in idx)))
    lines.append(('clean|%d|%d' % (fs, n), fmt(y[idx], 13)))
    lines.append(('clipped|%d|%d' % (fs, n), str(clipped)))
write('preprocess.csv', lines, 'seed chain reference (numpy/scipy/pywt)')
