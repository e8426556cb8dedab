/**
 * TLS on Yieldpoint's own streams: {@link io.yieldpoint.examples.tls.TlsStream}, the JDK's
 * {@code SSLEngine} over a {@code TcpStream}, client and server, awaited like the stream itself.
 */
@NullMarked
package io.yieldpoint.examples.tls;

import org.jspecify.annotations.NullMarked;
