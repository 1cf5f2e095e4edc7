/**
 * What {@code ecgid bench} measures: {@link io.github.ecgid.cli.bench.MachineBench} runs the measurements on
 * synthetic data and returns a {@link io.github.ecgid.cli.bench.BenchResult}, which gives {@code bench.json}
 * ({@code toJson()}) and {@code bench.html} ({@code toPage()}, an {@link io.github.ecgid.report.BenchPage}).
 */
package io.github.ecgid.cli.bench;
