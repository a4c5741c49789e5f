package mx.gob.imss.icsoe.keycloak.mail;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * One email that is due: a row of {@value #TABLE}, written in the transaction of the request that
 * promised it and deleted once it is sent or given up. Times are epoch milliseconds. A row is free
 * when {@code leaseUntil} has passed; a node that claims it sets a lease, so a node that dies holding
 * it only delays it by the lease. The payload is what the row's {@link MailKind} needs, as JSON,
 * with nothing personal in clear (see the kinds).
 * <p>
 * No {@code AsynchronousCommitAllowed} marker: a transaction that writes a row commits synchronously
 * on PostgreSQL, so "enviada" is never answered for a row a crash could still lose.
 */
@Entity
@Table(name = OutboxEntry.TABLE)
public class OutboxEntry {

    public static final String TABLE = "ICSOE_MAIL_OUTBOX";

    @Id
    @Column(name = "ID", length = 36)
    private String id;

    @Column(name = "REALM_ID", length = 255, nullable = false)
    private String realmId;

    @Column(name = "KIND", length = 32, nullable = false)
    private String kind;

    /** Kept across attempts: a copy resent after an ambiguous cut carries the same Message-ID. */
    @Column(name = "MESSAGE_ID", length = 255, nullable = false)
    private String messageId;

    @Column(name = "CREATED_AT", nullable = false)
    private long createdAt;

    @Column(name = "DUE_AT", nullable = false)
    private long dueAt;

    /** Never sent after this: the row is abandoned instead. */
    @Column(name = "NOT_AFTER", nullable = false)
    private long notAfter;

    @Column(name = "ATTEMPTS", nullable = false)
    private int attempts;

    @Column(name = "LEASE_UNTIL", nullable = false)
    private long leaseUntil;

    /** The node holding the lease, for operators; never read to decide anything. */
    @Column(name = "LEASE_OWNER", length = 255)
    private String leaseOwner;

    /** Why the last attempt failed, as a reply class and exception class: nothing the server said. */
    @Column(name = "LAST_RESULT", length = 255)
    private String lastResult;

    @Column(name = "PAYLOAD", length = 4000, nullable = false)
    private String payload;

    public String getId() {
        return id;
    }

    public void setId(String id) {
        this.id = id;
    }

    public String getRealmId() {
        return realmId;
    }

    public void setRealmId(String realmId) {
        this.realmId = realmId;
    }

    public String getKind() {
        return kind;
    }

    public void setKind(String kind) {
        this.kind = kind;
    }

    public String getMessageId() {
        return messageId;
    }

    public void setMessageId(String messageId) {
        this.messageId = messageId;
    }

    public long getCreatedAt() {
        return createdAt;
    }

    public void setCreatedAt(long createdAt) {
        this.createdAt = createdAt;
    }

    public long getDueAt() {
        return dueAt;
    }

    public void setDueAt(long dueAt) {
        this.dueAt = dueAt;
    }

    public long getNotAfter() {
        return notAfter;
    }

    public void setNotAfter(long notAfter) {
        this.notAfter = notAfter;
    }

    public int getAttempts() {
        return attempts;
    }

    public void setAttempts(int attempts) {
        this.attempts = attempts;
    }

    public long getLeaseUntil() {
        return leaseUntil;
    }

    public void setLeaseUntil(long leaseUntil) {
        this.leaseUntil = leaseUntil;
    }

    public String getLeaseOwner() {
        return leaseOwner;
    }

    public void setLeaseOwner(String leaseOwner) {
        this.leaseOwner = leaseOwner;
    }

    public String getLastResult() {
        return lastResult;
    }

    public void setLastResult(String lastResult) {
        this.lastResult = lastResult;
    }

    public String getPayload() {
        return payload;
    }

    public void setPayload(String payload) {
        this.payload = payload;
    }
}
