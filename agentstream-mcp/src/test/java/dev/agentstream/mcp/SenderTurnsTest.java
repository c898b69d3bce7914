package dev.agentstream.mcp;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;

/** Senders get turns first come, first served, never more at once than the width, and a stuck turn is given on. */
class SenderTurnsTest {

    @Test
    void sendersWaitingForTheOnlyTurnGetItInTheOrderTheyAsked() throws Exception {
        SenderTurns turns = new SenderTurns(1, Duration.ofHours(1));
        List<String> order = new CopyOnWriteArrayList<>();
        SenderTurns.Turn first = turns.take();
        List<Thread> senders = new java.util.ArrayList<>();
        for (String name : List.of("b", "c", "d")) {
            int waitingBefore = turns.waiting();
            senders.add(Thread.ofPlatform().start(() -> {
                try (SenderTurns.Turn turn = turns.take()) {
                    order.add(name);
                }
            }));
            while (turns.waiting() == waitingBefore) Thread.onSpinWait(); // queued behind the ones before it
        }
        assertThat(order).isEmpty(); // nobody sends while the one turn is held
        first.close();
        for (Thread sender : senders) sender.join();
        assertThat(order).containsExactly("b", "c", "d");
    }

    @Test
    void noMoreSendersAtOnceThanTheWidth() throws Exception {
        SenderTurns turns = new SenderTurns(2, Duration.ofHours(1));
        SenderTurns.Turn a = turns.take();
        SenderTurns.Turn b = turns.take();
        CountDownLatch thirdGotATurn = new CountDownLatch(1);
        Thread third = Thread.ofPlatform().start(() -> {
            try (SenderTurns.Turn turn = turns.take()) {
                thirdGotATurn.countDown();
            }
        });
        while (turns.waiting() == 0) Thread.onSpinWait();
        assertThat(thirdGotATurn.getCount()).isEqualTo(1);
        b.close();
        third.join();
        assertThat(thirdGotATurn.getCount()).isZero();
        a.close();
    }

    @Test
    void aTurnHeldPastTheHoldLimitGoesToTheNextSenderAndClosingItLaterGivesNoExtraTurn() throws Exception {
        SenderTurns turns = new SenderTurns(1, Duration.ofMillis(20));
        SenderTurns.Turn stuck = turns.take(); // a sender whose write blocks on a client that does not read
        Thread next = Thread.ofPlatform().start(() -> turns.take().close());
        next.join(); // returns only once the stuck turn was given on
        stuck.close(); // its late close must not hand out a second turn
        assertThat(turns.free()).isEqualTo(1);
    }
}
