package io.yieldpoint.runtime.io;

import io.yieldpoint.Task;
import io.yieldpoint.runtime.Dispatch;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * File reads and writes as tasks, run on the {@linkplain Dispatch#blockingPool() blocking pool}.
 *
 * <p>Why a pool and not the selector: regular files are always "ready" to a {@code Selector} (the
 * kernel cannot say in advance that a read will wait for the disk), so the JDK offers no
 * non-blocking file channel that an event loop could wait on. Each call here therefore occupies a
 * blocking-pool thread while the disk works, and the coroutine awaiting it resumes on its own
 * dispatcher (the event loop, for a coroutine started there). The pool is bounded: beyond its
 * bound a call fails at once with {@code RejectedExecutionException}. Cancelling a task before it
 * starts skips the call; cancelling it while it runs interrupts the thread, which file I/O may
 * ignore (the call then finishes and its result is dropped).
 *
 * <pre>{@code
 * String config = await(BlockingFiles.readString(Path.of("app.conf")));
 * await(BlockingFiles.writeString(Path.of("out.txt"), report));
 * }</pre>
 */
public final class BlockingFiles {

    private BlockingFiles() {}

    /** The file's bytes, as {@link Files#readAllBytes}. */
    public static Task<byte[]> readAllBytes(Path file) {
        Objects.requireNonNull(file, "file");
        return Dispatch.blocking(() -> Files.readAllBytes(file));
    }

    /** The file's text in UTF-8, as {@link Files#readString(Path)}. */
    public static Task<String> readString(Path file) {
        return readString(file, StandardCharsets.UTF_8);
    }

    /** The file's text in {@code charset}. */
    public static Task<String> readString(Path file, Charset charset) {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(charset, "charset");
        return Dispatch.blocking(() -> Files.readString(file, charset));
    }

    /** The file's lines in UTF-8, as {@link Files#readAllLines(Path)}. */
    public static Task<List<String>> readAllLines(Path file) {
        Objects.requireNonNull(file, "file");
        return Dispatch.blocking(() -> Files.readAllLines(file));
    }

    /** Writes {@code bytes} to the file (created or truncated by default), as {@link Files#write}. */
    public static Task<Path> write(Path file, byte[] bytes, OpenOption... options) {
        Objects.requireNonNull(file, "file");
        byte[] copy = bytes.clone(); // the caller may reuse its array while the write waits
        OpenOption[] opts = options.clone();
        return Dispatch.blocking(() -> Files.write(file, copy, opts));
    }

    /** Writes {@code text} in UTF-8, as {@link Files#writeString}. */
    public static Task<Path> writeString(Path file, CharSequence text, OpenOption... options) {
        Objects.requireNonNull(file, "file");
        String s = text.toString();
        OpenOption[] opts = options.clone();
        return Dispatch.blocking(() -> Files.writeString(file, s, opts));
    }
}
