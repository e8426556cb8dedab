package com.example;

import io.yieldpoint.runtime.EventLoop;

public final class Main {

    private Main() {}

    public static void main(String[] args) {
        EventLoop.run(() -> FetcherCoroutines.create().main());
    }
}
