/**
 * What people see: {@link io.github.ecgid.report.EcgReport} (one self-contained HTML file with inline SVG:
 * signal, R-peaks, HRV, identity), the opt-in {@link io.github.ecgid.report.NarrativeClient} (an LLM summary from
 * whitelisted aggregates only, never samples or templates) and the live
 * {@link io.github.ecgid.report.Dashboard} (Server-Sent Events, loopback by default).
 */
package io.github.ecgid.report;
