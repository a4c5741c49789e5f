package mx.gob.imss.icsoe.keycloak.resetcred;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.doAnswer;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.keycloak.models.SingleUseObjectProvider;

class LatestLinkTest {

    private final Map<String, Map<String, String>> entries = new HashMap<>();
    private final Map<String, Long> lifespans = new HashMap<>();
    private final SingleUseObjectProvider store = mock(SingleUseObjectProvider.class);
    private final LatestLink latest = new LatestLink(store);

    @BeforeEach
    void mapBackedStore() {
        doAnswer(call -> {
            entries.put(call.getArgument(0), call.getArgument(2));
            lifespans.put(call.getArgument(0), call.getArgument(1));
            return null;
        }).when(store).put(anyString(), org.mockito.ArgumentMatchers.anyLong(), org.mockito.ArgumentMatchers.anyMap());
        when(store.get(anyString())).thenAnswer(call -> entries.get(call.<String>getArgument(0)));
    }

    @Test
    void givenTwoLinksThenOnlyTheNewerIsValid() {
        latest.issued("user-1", "link-1", 900);
        latest.issued("user-1", "link-2", 900);
        assertThat(latest.isLatest("user-1", "link-1")).isFalse();
        assertThat(latest.isLatest("user-1", "link-2")).isTrue();
    }

    @Test
    void givenLinksOfTwoUsersThenEachKeepsItsOwn() {
        latest.issued("user-1", "link-1", 900);
        latest.issued("user-2", "link-2", 900);
        assertThat(latest.isLatest("user-1", "link-1")).isTrue();
        assertThat(latest.isLatest("user-2", "link-2")).isTrue();
        assertThat(latest.isLatest("user-2", "link-1")).isFalse();
    }

    @Test
    void givenNothingOnRecordOrNoIdThenNoLinkIsValid() {
        assertThat(latest.isLatest("user-1", "link-1")).isFalse();
        latest.issued("user-1", "link-1", 900);
        assertThat(latest.isLatest("user-1", null)).isFalse();
    }

    @Test
    void givenALinkThenTheEntryLivesAsLongAsTheLink() {
        latest.issued("user-1", "link-1", 600);
        assertThat(lifespans).containsEntry(LatestLink.KEY_PREFIX + "user-1", 600L);
        latest.issued("user-1", "link-2", 0);
        assertThat(lifespans).containsEntry(LatestLink.KEY_PREFIX + "user-1", 1L);
        org.mockito.Mockito.verify(store, org.mockito.Mockito.never()).put(eq("user-1"), org.mockito.ArgumentMatchers.anyLong(), org.mockito.ArgumentMatchers.anyMap());
    }
}
