package io.yieldpoint.examples.http;

import java.time.Duration;

/**
 * What a request may weigh before the server refuses it. A server without limits lets one client
 * make it buffer without end; each limit here maps to a status code.
 *
 * @param maxRequestLine longest request line, in bytes (beyond: 414 URI Too Long)
 * @param maxHeaderLine longest header line (beyond: 431 Request Header Fields Too Large)
 * @param maxHeaderBytes all header lines together (beyond: 431)
 * @param maxHeaders number of header lines (beyond: 431)
 * @param maxBody longest body, from Content-Length (beyond: 413 Content Too Large)
 * @param idleTimeout how long a kept-alive connection may wait for its next request
 */
public record HttpLimits(int maxRequestLine, int maxHeaderLine, int maxHeaderBytes, int maxHeaders, int maxBody,
        Duration idleTimeout) {

    /** 8 KiB lines, 16 KiB of headers, 100 headers, 1 MiB bodies, 30 s of idle keep-alive. */
    public static final HttpLimits DEFAULT = new HttpLimits(8192, 8192, 16 * 1024, 100, 1024 * 1024,
            Duration.ofSeconds(30));
}
