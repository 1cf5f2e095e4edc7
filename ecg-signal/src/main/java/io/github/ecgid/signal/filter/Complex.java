package io.github.ecgid.signal.filter;

/** Minimal complex arithmetic for filter design (never used per sample). */
record Complex(double re, double im) {
    static final Complex ZERO = new Complex(0, 0);
    static final Complex ONE = new Complex(1, 0);

    static Complex real(double re) {
        return new Complex(re, 0.0);
    }

    Complex plus(Complex o) {
        return new Complex(re + o.re, im + o.im);
    }

    Complex minus(Complex o) {
        return new Complex(re - o.re, im - o.im);
    }

    Complex times(Complex o) {
        return new Complex(re * o.re - im * o.im, re * o.im + im * o.re);
    }

    Complex times(double s) {
        return new Complex(re * s, im * s);
    }

    Complex negate() {
        return new Complex(-re, -im);
    }

    Complex conj() {
        return new Complex(re, -im);
    }

    /** Smith's algorithm, as numpy uses, to avoid overflow and keep results close to numpy's. */
    Complex div(Complex o) {
        double a = re;
        double b = im;
        double c = o.re;
        double d = o.im;
        if (Math.abs(c) >= Math.abs(d)) {
            if (c == 0 && d == 0) {
                return new Complex(a / Math.abs(c), b / Math.abs(c));
            }
            double rat = d / c;
            double scl = 1.0 / (c + d * rat);
            return new Complex((a + b * rat) * scl, (b - a * rat) * scl);
        }
        double rat = c / d;
        double scl = 1.0 / (d + c * rat);
        return new Complex((a * rat + b) * scl, (b * rat - a) * scl);
    }

    double abs() {
        return Math.hypot(re, im);
    }

    boolean isReal() {
        return im == 0.0;
    }

    /** Principal square root. */
    Complex sqrt() {
        if (re == 0 && im == 0) {
            return new Complex(0, im);
        }
        double t = Math.sqrt((Math.abs(re) + abs()) / 2);
        if (re >= 0) {
            return new Complex(t, im / (2 * t));
        }
        return new Complex(Math.abs(im) / (2 * t), Math.copySign(t, im));
    }

    static Complex expI(double theta) {
        return new Complex(Math.cos(theta), Math.sin(theta));
    }
}
