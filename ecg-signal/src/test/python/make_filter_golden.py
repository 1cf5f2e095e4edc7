#!/usr/bin/python3
"""Golden vectors for io.github.ecgid.signal.filter: scipy butter/iirnotch SOS, sosfiltfilt, sosfilt, filtfilt.

Usage: /usr/bin/python3 ecg-signal/src/test/python/make_filter_golden.py
Keys: signal|fs  (input, n samples), sos|fs|case (sections, row-major), zp|fs|case and causal|fs|case
(outputs at the indices listed under idx|n).
"""
import numpy as np
import scipy
from scipy import signal as ss
from golden_common import test_signal, fmt, sample_idx, write

N = 1000
RATES = [125, 250, 360, 500, 1000]
CASES = {
    'lowpass-2-40': lambda fs: ss.butter(2, 40, 'lowpass', fs=fs, output='sos'),
    'lowpass-5-25': lambda fs: ss.butter(5, 25, 'lowpass', fs=fs, output='sos'),
    'highpass-1-0.5': lambda fs: ss.butter(1, 0.5, 'highpass', fs=fs, output='sos'),
    'highpass-4-0.5': lambda fs: ss.butter(4, 0.5, 'highpass', fs=fs, output='sos'),
    'bandpass-4-0.5-40': lambda fs: ss.butter(4, [0.5, 40], 'bandpass', fs=fs, output='sos'),
    'bandpass-2-5-15': lambda fs: ss.butter(2, [5, 15], 'bandpass', fs=fs, output='sos'),
    'bandpass-3-1-45': lambda fs: ss.butter(3, [1, 45], 'bandpass', fs=fs, output='sos'),
    'notch-50-30': lambda fs: ss.tf2sos(*ss.iirnotch(50, 30, fs=fs)),
    'notch-60-30': lambda fs: ss.tf2sos(*ss.iirnotch(60, 30, fs=fs)),
}

lines = []
idx = sample_idx(N)
lines.append(('idx|%d' % N, ' '.join(str(i) for i in idx)))
for fs in RATES:
    x = test_signal(fs, N, seed=fs)
    lines.append(('signal|%d' % fs, fmt(x, 10)))
    for name, design in CASES.items():
        sos = design(fs)
        lines.append(('sos|%d|%s' % (fs, name), fmt(sos)))
        lines.append(('zp|%d|%s' % (fs, name), fmt(ss.sosfiltfilt(sos, x)[idx], 13)))
        if name in ('bandpass-4-0.5-40', 'bandpass-2-5-15', 'notch-50-30', 'lowpass-5-25'):
            lines.append(('causal|%d|%s' % (fs, name), fmt(ss.sosfilt(sos, x)[idx], 13)))
        if name.startswith('notch'):
            b, a = ss.iirnotch(float(name.split('-')[1]), 30, fs=fs)
            lines.append(('filtfilt|%d|%s' % (fs, name), fmt(ss.filtfilt(b, a, x)[idx], 13)))
write('filters.csv', lines, 'scipy %s numpy %s' % (scipy.__version__, np.__version__))
