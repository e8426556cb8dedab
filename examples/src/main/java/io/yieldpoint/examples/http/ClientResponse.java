package io.yieldpoint.examples.http;

/** An answer as the example client read it. */
public record ClientResponse(int status, String body, boolean closed) {}
