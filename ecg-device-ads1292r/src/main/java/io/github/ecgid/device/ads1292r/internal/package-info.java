/** Implementation details of the ADS1292R driver (frame formats, serial link, queue, CSV recorder); not API. */
package io.github.ecgid.device.ads1292r.internal;
