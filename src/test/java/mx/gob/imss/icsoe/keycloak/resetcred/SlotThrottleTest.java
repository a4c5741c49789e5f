package mx.gob.imss.icsoe.keycloak.resetcred;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.anyLong;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.keycloak.models.SingleUseObjectProvider;

class SlotThrottleTest {

    /** Keycloak's store reduced to its atomic {@code putIfAbsent}, with a controllable clock: entries expire like Infinispan lifespans. */
    static final class FakeStore {
        final Map<String, Long> expiries = new HashMap<>();
        final Map<String, Long> lifespans = new HashMap<>();
        long now;
        int calls;

        SingleUseObjectProvider provider() {
            SingleUseObjectProvider provider = mock(SingleUseObjectProvider.class);
            when(provider.putIfAbsent(anyString(), anyLong()))
                    .thenAnswer(call -> putIfAbsent(call.getArgument(0), call.getArgument(1)));
            return provider;
        }

        boolean putIfAbsent(String key, long lifespanSeconds) {
            calls++;
            Long expiry = expiries.get(key);
            if (expiry != null && expiry > now) {
                return false;
            }
            expiries.put(key, now + lifespanSeconds);
            lifespans.put(key, lifespanSeconds);
            return true;
        }

    }

    private final FakeStore store = new FakeStore();
    private final SlotThrottle throttle = new SlotThrottle(store.provider());

    @Test
    void givenALimitOfThreeThenTheFourthRequestInTheWindowIsRefused() {
        Duration window = Duration.ofMinutes(15);
        assertThat(throttle.tryAcquire("u:abc", 3, window)).isTrue();
        assertThat(throttle.tryAcquire("u:abc", 3, window)).isTrue();
        assertThat(throttle.tryAcquire("u:abc", 3, window)).isTrue();
        assertThat(throttle.tryAcquire("u:abc", 3, window)).isFalse();
        assertThat(store.lifespans).containsOnlyKeys("u:abc:0", "u:abc:1", "u:abc:2")
                .allSatisfy((key, lifespan) -> assertThat(lifespan).isEqualTo(900L));
    }

    @Test
    void givenTheWindowHasPassedThenSlotsAreFreeAgain() {
        Duration window = Duration.ofSeconds(60);
        assertThat(throttle.tryAcquire("a:ip", 1, window)).isTrue();
        store.now = 59;
        assertThat(throttle.tryAcquire("a:ip", 1, window)).isFalse();
        store.now = 60;
        assertThat(throttle.tryAcquire("a:ip", 1, window)).isTrue();
    }

    @Test
    void givenTwoSubjectsThenTheyDoNotShareSlots() {
        assertThat(throttle.tryAcquire("u:one", 1, Duration.ofMinutes(1))).isTrue();
        assertThat(throttle.tryAcquire("u:two", 1, Duration.ofMinutes(1))).isTrue();
        assertThat(throttle.tryAcquire("u:one", 1, Duration.ofMinutes(1))).isFalse();
    }
}
