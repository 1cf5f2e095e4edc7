#!/usr/bin/python3
"""Reference HRV and MFCC values for ecg-hrv's golden tests.

Run with Debian's interpreter (numpy, scipy from apt):
    /usr/bin/python3 ecg-hrv/src/test/python/make_golden.py ecg-hrv/src/test/resources/hrv
Writes hrv_golden.json and mfcc_golden.json. The build never runs this; the JSON files are committed.

Every definition is written out here from its source (NeuroKit2 0.2.x names and formulas, scipy for the
spectral estimators, brute-force O(n^2) entropy) so that it is independent of the Java implementation.
The places where ecgid deliberately differs from NeuroKit2 (TINN, SDANN/SDNNI window ends, absolute
instead of max-normalised PSD, 4 Hz natural spline instead of 100 Hz monotone cubic) are implemented the
ecgid way and listed in docs/hrv.md.
"""
import json
import sys

import numpy as np
import scipy.interpolate
import scipy.signal
import scipy.stats
import scipy.fft

BANDS = [(0, 0.0033), (0.0033, 0.04), (0.04, 0.15), (0.15, 0.4), (0.4, 0.5)]
BIN = 1000.0 / 128.0


def successive_mask(rr, t, tol=2.0):
    return np.abs(np.diff(t) - rr[1:]) <= tol


def tinn(hist, peak):
    y = hist[peak]
    best_l, best_n = np.inf, peak
    for n in range(peak + 1):
        i = np.arange(peak)
        q = np.where(i <= n, 0.0, y * (i - n) / max(peak - n, 1))
        err = np.sum((hist[:peak] - q) ** 2)
        if err < best_l:
            best_l, best_n = err, n
    best_r, best_m = np.inf, peak + 1
    for m in range(peak + 1, len(hist) + 1):
        i = np.arange(peak + 1, len(hist))
        q = np.where(i >= m, 0.0, y * (m - i) / (m - peak))
        err = np.sum((hist[peak + 1:] - q) ** 2)
        if err < best_r:
            best_r, best_m = err, m
    return (best_m - best_n) * BIN


def windowed(rr, t, minutes):
    w = minutes * 60000.0
    n_windows = int(np.round(t[-1] / w))
    if n_windows < 3:
        return np.nan, np.nan
    means, sds = [], []
    for k in range(n_windows):
        sel = (t >= k * w) & (t < (k + 1) * w)
        seg = rr[sel]
        if len(seg) >= 1:
            means.append(np.mean(seg))
        if len(seg) >= 2:
            sds.append(np.std(seg, ddof=1))
    return np.std(means, ddof=1), (np.mean(sds) if sds else np.nan)


def time_domain(rr, t):
    d = np.diff(rr)[successive_mask(rr, t)]
    out = {}
    out["HRV_MeanNN"] = np.mean(rr)
    out["HRV_SDNN"] = np.std(rr, ddof=1)
    for m in (1, 2, 5):
        out["HRV_SDANN%d" % m], out["HRV_SDNNI%d" % m] = windowed(rr, t, m)
    out["HRV_RMSSD"] = np.sqrt(np.mean(d ** 2))
    out["HRV_SDSD"] = np.std(d, ddof=1)
    out["HRV_CVNN"] = out["HRV_SDNN"] / out["HRV_MeanNN"]
    out["HRV_CVSD"] = out["HRV_RMSSD"] / out["HRV_MeanNN"]
    out["HRV_MedianNN"] = np.median(rr)
    out["HRV_MadNN"] = 1.4826 * np.median(np.abs(rr - np.median(rr)))
    out["HRV_MCVNN"] = out["HRV_MadNN"] / out["HRV_MedianNN"]
    out["HRV_IQRNN"] = scipy.stats.iqr(rr)
    out["HRV_Prc20NN"] = np.percentile(rr, 20)
    out["HRV_Prc80NN"] = np.percentile(rr, 80)
    out["HRV_pNN50"] = np.sum(np.abs(d) > 50) / (len(d) + 1) * 100
    out["HRV_pNN20"] = np.sum(np.abs(d) > 20) / (len(d) + 1) * 100
    out["HRV_MinNN"] = np.min(rr)
    out["HRV_MaxNN"] = np.max(rr)
    bins = np.arange(0, np.max(rr) + BIN, BIN)
    hist, _ = np.histogram(rr, bins=bins)
    out["HRV_HTI"] = len(rr) / np.max(hist)
    out["HRV_TINN"] = tinn(hist.astype(float), int(np.argmax(hist)))
    out["HRV_MeanHR"] = np.mean(60000.0 / rr)
    return out


def band_powers(f, p):
    res = []
    for lo, hi in BANDS:
        sel = (f >= lo) & (f < hi)
        pw = np.trapz(p[sel], f[sel]) if np.sum(sel) > 1 else 0.0
        res.append(np.nan if pw == 0.0 else pw)
    return res


def frequency_summary(powers):
    ulf, vlf, lf, hf, vhf = powers
    tp = np.nansum(powers)
    return {"HRV_ULF": ulf, "HRV_VLF": vlf, "HRV_LF": lf, "HRV_HF": hf, "HRV_VHF": vhf, "HRV_TP": tp,
            "HRV_LFHF": lf / hf, "HRV_LFn": lf / tp, "HRV_HFn": hf / tp, "HRV_LnHF": np.log(hf)}


def welch(rr, t):
    ts = t / 1000.0
    spline = scipy.interpolate.CubicSpline(ts, rr, bc_type="natural")
    fs = 4.0
    k = int(np.floor((ts[-1] - ts[0]) * fs)) + 1
    x = spline(ts[0] + np.arange(k) / fs)
    x = x - np.mean(x)
    n = len(x)
    for lo, _ in BANDS:
        fmin = 0.001 if lo == 0 else lo
        if int((2 / fmin) * fs) <= n / 2:
            break
    nperseg = int((2 / fmin) * fs)
    if nperseg > n / 2:
        nperseg = int(n / 2)
    f, p = scipy.signal.welch(x, fs=fs, window="hann", nperseg=nperseg, noverlap=nperseg // 2,
                              nfft=2 * nperseg, detrend=False, scaling="density", average="mean")
    sel = (f >= fmin) & (f <= 0.5)
    return f[sel], p[sel]


def lomb(rr, t):
    ts = t / 1000.0
    y = rr - np.mean(rr)
    T = ts[-1] - ts[0]
    df = 1.0 / (T * 4)
    f = np.arange(4, int(np.floor(0.5 / df)) + 1) * df  # from 1/T: nothing below one cycle per recording
    p = scipy.signal.lombscargle(ts, y, 2 * np.pi * f, precenter=False, normalize=False)
    return f, p * 2 * T / len(rr)


def entropy(x, r):
    n = len(x)
    def counts(m, nt):
        emb = np.array([x[i:i + nt] for i in range(m)]).T  # nt x m
        c = np.zeros(nt)
        for i in range(nt):
            c[i] = np.sum(np.max(np.abs(emb - emb[i]), axis=1) <= r)
        return c
    c2 = counts(2, n - 1)
    c3 = counts(3, n - 2)
    apen = abs(np.mean(np.log(c2 / (n - 1))) - np.mean(np.log(c3 / (n - 2))))
    c2s = counts(2, n - 2)  # SampEn: first n - m templates only
    b = np.sum(c2s - 1)
    a = np.sum(c3 - 1)
    sampen = -np.log(a / b) if b > 0 else np.nan
    return apen, sampen


def dfa(x, lo, hi):
    n = len(x)
    if n <= hi:
        return np.nan
    y = np.cumsum(x - np.mean(x))
    scales, fl = [], []
    for w in range(lo, hi + 1):
        segs = np.array([y[i:i + w] for i in np.arange(0, n - w, w // 2)])
        tt = np.arange(w)
        c = np.polyfit(tt, segs.T, 1)
        trend = np.outer(c[0], tt) + c[1][:, None]
        f = np.sqrt(np.mean(np.mean((segs - trend) ** 2, axis=1)))
        if f > 0:
            scales.append(w)
            fl.append(f)
    return np.polyfit(np.log(scales), np.log(fl), 1)[0]


def nonlinear(rr, t):
    ok = successive_mask(rr, t)
    a, b = rr[:-1][ok], rr[1:][ok]
    sd1 = np.std((a - b) / np.sqrt(2), ddof=1)
    sd2 = np.std((a + b) / np.sqrt(2), ddof=1)
    apen, sampen = entropy(rr, 0.2 * np.std(rr, ddof=1))
    return {"HRV_SD1": sd1, "HRV_SD2": sd2, "HRV_SD1SD2": sd1 / sd2, "HRV_S": np.pi * sd1 * sd2,
            "HRV_CSI": sd2 / sd1, "HRV_CVI": np.log10(16 * sd1 * sd2), "HRV_ApEn": apen, "HRV_SampEn": sampen,
            "HRV_DFA_alpha1": dfa(rr, 4, 16), "HRV_DFA_alpha2": dfa(rr, 16, 64)}


def synthetic_rr(seed, n, fs_peaks):
    """RR in ms with LF (0.1 Hz) and HF (0.25 Hz) modulation, AR noise, quantised to the peak sampling grid."""
    rng = np.random.default_rng(seed)
    rr, t = [], 0.0
    noise = 0.0
    for i in range(n):
        noise = 0.7 * noise + rng.normal(0, 12)
        v = 850 + 40 * np.sin(2 * np.pi * 0.1 * t / 1000) + 25 * np.sin(2 * np.pi * 0.25 * t / 1000) + noise
        v += 30 * np.sin(2 * np.pi * t / 1000 / 600.0)  # slow drift for VLF and the windowed indices
        v = np.round(v / (1000.0 / fs_peaks)) * (1000.0 / fs_peaks)
        rr.append(v)
        t += v
    rr = np.array(rr)
    return rr, np.cumsum(rr)


def clean(d):
    return {k: (None if (v is None or not np.isfinite(v)) else float(v)) for k, v in d.items()}


def case(name, rr, t):
    feats = {}
    feats.update(time_domain(rr, t))
    feats.update(nonlinear(rr, t))
    welch_f = frequency_summary(band_powers(*welch(rr, t)))
    lomb_f = frequency_summary(band_powers(*lomb(rr, t)))
    return {"name": name, "intervalsMs": rr.tolist(), "timesMs": t.tolist(), "features": clean(feats),
            "welch": clean(welch_f), "lombScargle": clean(lomb_f)}


# ---------------------------------------------------------------- MFCC (the origin's parameters)

def mel_htk(f):
    return 2595.0 * np.log10(1.0 + f / 700.0)


def mel_htk_inv(m):
    return 700.0 * (10.0 ** (m / 2595.0) - 1.0)


def mel_filterbank(fs, n_fft, n_mels, fmin, fmax):
    """librosa.filters.mel(htk=True, norm='slaney') written out."""
    fft_freqs = np.arange(n_fft // 2 + 1) * fs / n_fft
    mel_pts = np.linspace(mel_htk(fmin), mel_htk(fmax), n_mels + 2)
    hz = mel_htk_inv(mel_pts)
    fdiff = np.diff(hz)
    ramps = hz[:, None] - fft_freqs[None, :]
    w = np.zeros((n_mels, len(fft_freqs)))
    for i in range(n_mels):
        lower = -ramps[i] / fdiff[i]
        upper = ramps[i + 2] / fdiff[i + 1]
        w[i] = np.maximum(0, np.minimum(lower, upper))
    enorm = 2.0 / (hz[2:n_mels + 2] - hz[:n_mels])
    return w * enorm[:, None]


def mfcc(x, fs=250.0, n_mfcc=13, n_mels=26, n_fft=256, hop=64, fmin=0.5, fmax=40.0):
    x = np.asarray(x, dtype=float)
    if len(x) < n_fft:
        frames = [np.concatenate([x, np.zeros(n_fft - len(x))])]
    else:
        frames = [x[s:s + n_fft] for s in range(0, len(x) - n_fft + 1, hop)]
    win = scipy.signal.get_window("hamming", n_fft, fftbins=True)
    fb = mel_filterbank(fs, n_fft, n_mels, fmin, fmax)
    out = []
    for fr in frames:
        spec = np.abs(np.fft.rfft(fr * win)) ** 2
        mel = np.log(np.maximum(fb @ spec, 1e-10))
        out.append(scipy.fft.dct(mel, type=2, norm="ortho")[:n_mfcc])
    return np.array(out)


def synthetic_beat(n, fs, seed):
    rng = np.random.default_rng(seed)
    t = (np.arange(n) - 0.25 * fs) / fs
    beat = (1.2 * np.exp(-(t / 0.012) ** 2) - 0.2 * np.exp(-((t - 0.03) / 0.01) ** 2)
            + 0.3 * np.exp(-((t - 0.25) / 0.04) ** 2) + 0.1 * np.exp(-((t + 0.16) / 0.025) ** 2))
    return beat + rng.normal(0, 0.01, n)


def main():
    outdir = sys.argv[1] if len(sys.argv) > 1 else "."
    cases = []
    rr, t = synthetic_rr(7, 400, 250.0)
    cases.append(case("short_250hz", rr, t))
    rr, t = synthetic_rr(11, 2200, 360.0)
    cases.append(case("long_360hz", rr, t))
    rr, t = synthetic_rr(13, 600, 1000.0)
    keep = np.ones(len(rr), bool)
    keep[[100, 101, 350]] = False  # dropped intervals: their time stays as a gap
    cases.append(case("gapped", rr[keep], t[keep]))
    with open(outdir + "/hrv_golden.json", "w") as fh:
        json.dump(cases, fh, indent=1)

    beat = synthetic_beat(175, 250.0, 3)
    window = np.concatenate([synthetic_beat(200, 250.0, s) for s in range(5)])
    mf = []
    for name, sig in (("beat175", beat), ("window1000", window)):
        m = mfcc(sig)
        mf.append({"name": name, "signal": sig.tolist(), "mfcc": m.tolist(),
                   "mean": m.mean(axis=0).tolist(), "std": m.std(axis=0).tolist(),
                   "min": m.min(axis=0).tolist(), "max": m.max(axis=0).tolist()})
    with open(outdir + "/mfcc_golden.json", "w") as fh:
        json.dump(mf, fh)


if __name__ == "__main__":
    main()
