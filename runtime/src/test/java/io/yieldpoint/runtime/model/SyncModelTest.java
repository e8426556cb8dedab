package io.yieldpoint.runtime.model;

import io.yieldpoint.runtime.sync.Mutex;
import io.yieldpoint.runtime.sync.Semaphore;
import org.jetbrains.lincheck.datastructures.Operation;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** Lincheck: the non-waiting operations of a mutex and of a semaphore are linearizable. */
class SyncModelTest {

    /** A mutex taken and given back from two threads. */
    public static class MutexModel {
        private final Mutex mutex = new Mutex();

        @Operation
        public boolean tryLock() {
            return mutex.tryLock();
        }

        @Operation
        public String unlock() {
            try {
                mutex.unlock();
                return "unlocked";
            } catch (IllegalStateException notHeld) {
                return "not held";
            }
        }

        @Operation
        public boolean isLocked() {
            return mutex.isLocked();
        }
    }

    /** A semaphore of two permits. */
    public static class SemaphoreModel {
        private final Semaphore semaphore = new Semaphore(2);

        @Operation
        public boolean tryAcquire() {
            return semaphore.tryAcquire();
        }

        @Operation
        public String release() {
            try {
                semaphore.release();
                return "released";
            } catch (IllegalStateException tooMany) {
                return "refused";
            }
        }

        @Operation
        public int availablePermits() {
            return semaphore.availablePermits();
        }
    }

    @Nested
    class Models {
        @Test
        void mutex() {
            io.yieldpoint.runtime.model.Models.options().check(MutexModel.class);
        }

        @Test
        void semaphore() {
            io.yieldpoint.runtime.model.Models.options().check(SemaphoreModel.class);
        }
    }
}
