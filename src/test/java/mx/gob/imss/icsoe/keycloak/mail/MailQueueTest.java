package mx.gob.imss.icsoe.keycloak.mail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.RejectedExecutionException;

import org.junit.jupiter.api.Test;

class MailQueueTest {

    /** Holds jobs until told to run them, like an executor whose threads all wait for SMTP. */
    private final List<Runnable> held = new ArrayList<>();

    @Test
    void givenACapacityOfTwoThenTheThirdWaitingJobIsRefused() {
        MailQueue queue = new MailQueue(2);
        assertThat(queue.offer(held::add, () -> { })).isTrue();
        assertThat(queue.offer(held::add, () -> { })).isTrue();
        assertThat(queue.offer(held::add, () -> { })).isFalse();
        assertThat(queue.depth()).isEqualTo(2);
        assertThat(held).hasSize(2);
    }

    @Test
    void givenAJobThatRanThenItsPlaceIsFreeAgain() {
        MailQueue queue = new MailQueue(1);
        List<String> ran = new ArrayList<>();
        queue.offer(held::add, () -> ran.add("first"));
        held.remove(0).run();
        assertThat(queue.depth()).isZero();
        assertThat(queue.offer(held::add, () -> ran.add("second"))).isTrue();
        assertThat(ran).containsExactly("first");
    }

    @Test
    void givenAJobThatThrowsThenItsPlaceIsFreedAnyway() {
        MailQueue queue = new MailQueue(1);
        queue.offer(held::add, () -> {
            throw new IllegalStateException("smtp down");
        });
        Runnable job = held.remove(0);
        assertThatThrownBy(job::run).isInstanceOf(IllegalStateException.class);
        assertThat(queue.depth()).isZero();
    }

    @Test
    void givenAnExecutorThatRefusesThenTheOfferFailsAndCountsNothing() {
        MailQueue queue = new MailQueue(5);
        assertThat(queue.offer(job -> {
            throw new RejectedExecutionException("shut down");
        }, () -> { })).isFalse();
        assertThat(queue.depth()).isZero();
    }

    @Test
    void givenNoCapacityThenItIsRefusedAtOnce() {
        assertThatThrownBy(() -> new MailQueue(0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void givenAReservedPlaceThenItCountsBeforeItsJobExistsAndAFullQueueRefusesTheNextReservation() {
        MailQueue queue = new MailQueue(1);
        assertThat(queue.reserve()).isTrue();
        assertThat(queue.depth()).isEqualTo(1);
        assertThat(queue.reserve()).isFalse();
        assertThat(queue.offer(held::add, () -> { })).isFalse();
        assertThat(queue.run(held::add, () -> { })).isTrue();
        held.remove(0).run();
        assertThat(queue.depth()).isZero();
    }

    @Test
    void givenAReservationWhoseRequestRolledBackThenReleaseFreesItsPlace() {
        MailQueue queue = new MailQueue(1);
        assertThat(queue.reserve()).isTrue();
        queue.release();
        assertThat(queue.depth()).isZero();
        assertThat(queue.reserve()).isTrue();
    }

    @Test
    void givenAReservedPlaceAndAnExecutorThatRefusesThenThePlaceIsFreed() {
        MailQueue queue = new MailQueue(1);
        assertThat(queue.reserve()).isTrue();
        assertThat(queue.run(job -> {
            throw new RejectedExecutionException("shut down");
        }, () -> { })).isFalse();
        assertThat(queue.depth()).isZero();
    }
}
