package io.yieldpoint.benchmarks.kotlin

import io.yieldpoint.benchmarks.Work
import kotlin.coroutines.Continuation
import kotlin.coroutines.ContinuationInterceptor
import kotlin.coroutines.EmptyCoroutineContext
import kotlin.coroutines.resume
import kotlin.coroutines.startCoroutine
import kotlin.coroutines.suspendCoroutine
import kotlinx.coroutines.CompletableDeferred
import kotlinx.coroutines.CoroutineDispatcher
import kotlinx.coroutines.CoroutineStart
import kotlinx.coroutines.Deferred
import kotlinx.coroutines.Dispatchers
import kotlinx.coroutines.GlobalScope
import kotlinx.coroutines.Job
import kotlinx.coroutines.async
import kotlinx.coroutines.awaitAll
import kotlinx.coroutines.channels.Channel
import kotlinx.coroutines.delay
import kotlinx.coroutines.flow.flow
import kotlinx.coroutines.flow.toList
import kotlinx.coroutines.joinAll
import kotlinx.coroutines.launch
import kotlinx.coroutines.runBlocking
import kotlinx.coroutines.yield

/**
 * The Kotlin side of the suite: the same bodies as Yieldpoint's `Bodies`, written as a Kotlin
 * user would with kotlinx.coroutines. Single-threaded ones run in `runBlocking`, whose event loop
 * is the counterpart of Yieldpoint's `EventLoop.run`.
 */
object KotlinBodies {

    /** Switch: `yield()` n times on runBlocking's event loop. */
    @JvmStatic
    fun yieldTimes(n: Int): Int = runBlocking {
        repeat(n) { yield() }
        n
    }

    /** Channel handoff: one producer, one consumer, a rendezvous channel, one thread. */
    @JvmStatic
    fun handoff(n: Int): Long = runBlocking {
        val channel = Channel<Int>()
        launch {
            for (i in 0 until n) channel.send(i)
        }
        var sum = 0L
        repeat(n) { sum += channel.receive() }
        sum
    }

    /** Spawn: n `async { yield(); 1 }`, then each awaited. */
    @JvmStatic
    fun spawnMany(n: Int): Int = runBlocking {
        val tasks = ArrayList<Deferred<Int>>(n)
        repeat(n) {
            tasks.add(async {
                yield()
                1
            })
        }
        var sum = 0
        for (t in tasks) sum += t.await()
        sum
    }

    /** `awaitAll` of n `async { yield(); 1 }`. */
    @JvmStatic
    fun gather(n: Int): Int = runBlocking {
        val tasks = ArrayList<Deferred<Int>>(n)
        repeat(n) {
            tasks.add(async {
                yield()
                1
            })
        }
        tasks.awaitAll().size
    }

    /** Timers: n coroutines in `delay`, then each joined. */
    @JvmStatic
    fun sleepMany(n: Int, delayMillis: Long): Int = runBlocking {
        val jobs = ArrayList<Job>(n)
        var fired = 0
        repeat(n) {
            jobs.add(launch {
                delay(delayMillis)
                fired++
            })
        }
        jobs.joinAll()
        fired
    }

    /** A simulated non-blocking read, completed at a later turn of the coroutine's dispatcher. */
    private suspend fun read(value: Int): Int = suspendCoroutine { c ->
        val dispatcher = c.context[ContinuationInterceptor] as CoroutineDispatcher
        dispatcher.dispatch(c.context, Runnable { c.resume(value) })
    }

    private suspend fun handle(id: Int): Int {
        val a = read(id)
        val b = read(a + 1)
        val c = read(b + 1)
        return Work.compute(a, b, c)
    }

    /** Request mix: n requests in flight on runBlocking's loop. */
    @JvmStatic
    fun serve(n: Int): Long = runBlocking {
        val requests = ArrayList<Deferred<Int>>(n)
        repeat(n) { i -> requests.add(async { handle(i) }) }
        var sum = 0L
        for (r in requests) sum += r.await()
        sum
    }

    /** Generator: `sequence { }` of 0..n-1, boxed. */
    @JvmStatic
    fun range(n: Int): Iterator<Int> = sequence {
        for (i in 0 until n) yield(i)
    }.iterator()

    /** Async stream: `flow { emit(i) }` of 0..n-1, collected on runBlocking's event loop. */
    @JvmStatic
    fun flowSum(n: Int): Long = runBlocking {
        var sum = 0L
        flow { for (i in 0 until n) emit(i) }.collect { sum += it }
        sum
    }

    /** Async stream: the same `flow`, gathered by `toList()`, then summed. */
    @JvmStatic
    fun flowToListSum(n: Int): Long = runBlocking {
        flow { for (i in 0 until n) emit(i) }.toList().sumOf { it.toLong() }
    }

    private suspend fun sumCompleted(completed: Array<Deferred<Int>>): Long {
        var sum = 0L
        for (d in completed) sum += d.await()
        return sum
    }

    /** Completed deferreds for [sumCompletedNow]. */
    @JvmStatic
    fun completed(n: Int): Array<Deferred<Int>> = Array(n) { CompletableDeferred(it) }

    /**
     * Fast path: a suspend function awaiting completed deferreds, started on the calling thread
     * (it never suspends, so it finishes inside this call).
     */
    @JvmStatic
    fun sumCompletedNow(completed: Array<Deferred<Int>>): Long {
        var result = -1L
        val body: suspend () -> Long = { sumCompleted(completed) }
        body.startCoroutine(Continuation(EmptyCoroutineContext) { result = it.getOrThrow() })
        return result
    }

    /** Channel throughput: producers and consumers on `Dispatchers.Default`, a bounded channel. */
    @JvmStatic
    fun mpmc(producers: Int, consumers: Int, perProducer: Int, capacity: Int): Long =
        runBlocking(Dispatchers.Default) {
            val channel = Channel<Int>(capacity)
            val ps = List(producers) {
                launch {
                    for (i in 0 until perProducer) channel.send(i)
                }
            }
            val cs = List(consumers) {
                async {
                    var count = 0L
                    for (v in channel) count++
                    count
                }
            }
            ps.joinAll()
            channel.close()
            cs.awaitAll().sum()
        }

    /**
     * Memory: a coroutine suspended on `pending.await()`, started undispatched so that it is
     * suspended when this returns.
     */
    @JvmStatic
    @OptIn(kotlinx.coroutines.DelicateCoroutinesApi::class)
    fun awaitForever(pending: CompletableDeferred<Int>): Job =
        GlobalScope.launch(Dispatchers.Unconfined, start = CoroutineStart.UNDISPATCHED) {
            pending.await() + 1
        }
}
