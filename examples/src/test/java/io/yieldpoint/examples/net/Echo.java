package io.yieldpoint.examples.net;

import static io.yieldpoint.Co.*;

import io.yieldpoint.Coroutine;
import io.yieldpoint.Task;
import io.yieldpoint.runtime.net.BufferedLineReader;
import io.yieldpoint.runtime.net.TcpListener;
import io.yieldpoint.runtime.net.TcpStream;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/** The echo server and client of docs/networking.md, as written there (compiled and run by EchoTest). */
public interface Echo {

    @Coroutine
    default Task<Void> serve(TcpListener listener) {
        try {
            while (true) {
                TcpStream connection = await(listener.accept());
                Task<Void> session = echo(connection);   // kept, not awaited: runs alongside the others
            }
        } finally {
            listener.close();
        }
    }

    @Coroutine
    default Task<Void> echo(TcpStream s) {
        ByteBuffer buf = ByteBuffer.allocate(4096);
        try {
            while (await(s.read(buf)) >= 0) {          // -1: the peer closed its side
                buf.flip();
                await(s.write(buf));                   // every byte, waiting while the peer reads slowly
                buf.clear();
            }
            return done();
        } finally {
            s.close();
        }
    }

    @Coroutine
    default Task<String> ask(InetSocketAddress server, String question) {
        TcpStream s = await(TcpStream.connect(server));
        try {
            await(s.write((question + "\n").getBytes(StandardCharsets.UTF_8)));
            BufferedLineReader in = new BufferedLineReader(s, StandardCharsets.UTF_8, 8192);
            return done(await(withTimeout(Duration.ofSeconds(5), in.readLine(1024))));
        } finally {
            s.close();
        }
    }
}
