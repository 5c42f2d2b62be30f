package io.semrec.worker;

import java.time.Duration;
import java.util.concurrent.Phaser;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Wakes a polling loop early (a NOTIFY arrived): the loop reads {@link #phase()} before looking for work
 * and, finding none, {@link #await}s a {@link #wake()} since then or the poll interval, whichever is first.
 */
public final class Wakeups {

    private final Phaser phaser = new Phaser(1);

    public int phase() {
        return phaser.getPhase();
    }

    public void wake() {
        phaser.arrive();
    }

    /** @return false if the thread was interrupted (its interrupt flag is set again): the loop should end */
    public boolean await(int phase, Duration poll) {
        try {
            phaser.awaitAdvanceInterruptibly(phase, poll.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            // poll anyway: a notification may have been missed
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
        return true;
    }
}
