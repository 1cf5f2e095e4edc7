/**
 * Public ECG databases as folders of WFDB records: {@link io.github.ecgid.core.data.MitDb} (MIT-BIH Arrhythmia),
 * {@link io.github.ecgid.core.data.EcgIdDb} (ECG-ID), {@link io.github.ecgid.core.data.Ludb} (LUDB), any
 * {@link io.github.ecgid.core.data.WfdbDatabase}, found through {@link io.github.ecgid.core.data.DataLocation}
 * ({@code ECGID_DATA}). The data are never shipped with the library (PhysioNet, ODC-By 1.0).
 */
package io.github.ecgid.core.data;
