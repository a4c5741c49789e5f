package mx.gob.imss.icsoe.keycloak.resetcred;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;

/**
 * The unit the per-address limit counts: an IPv4 client by its address, an IPv6 client by its /64
 * prefix. One IPv6 subscriber usually holds a whole /64 and can pick a new address per request, so
 * counting single IPv6 addresses would not limit anybody.
 */
public final class ClientAddress {

    static final int IPV6_PREFIX_BYTES = 8;

    private ClientAddress() {
    }

    /**
     * The bucket of {@code remoteAddr} (an address literal as Keycloak reports it): the address itself
     * for IPv4 (also IPv4-mapped IPv6), {@code "xxxx:…/64"} for IPv6; anything unparsable as it is.
     */
    public static String bucket(String remoteAddr) {
        if (remoteAddr == null || remoteAddr.isBlank()) {
            return "";
        }
        String literal = remoteAddr.strip();
        if (literal.indexOf(':') < 0) {
            return literal;
        }
        try {
            // Only literals reach here (a colon is never in a host name), so this never looks up DNS.
            InetAddress address = InetAddress.getByName(stripZone(stripBrackets(literal)));
            if (!(address instanceof Inet6Address)) {
                return address.getHostAddress();
            }
            byte[] prefix = Arrays.copyOf(address.getAddress(), 16);
            Arrays.fill(prefix, IPV6_PREFIX_BYTES, 16, (byte) 0);
            return InetAddress.getByAddress(prefix).getHostAddress() + "/64";
        } catch (UnknownHostException | SecurityException e) {
            return literal;
        }
    }

    private static String stripZone(String literal) {
        int zone = literal.indexOf('%');
        return zone < 0 ? literal : literal.substring(0, zone);
    }

    private static String stripBrackets(String literal) {
        return literal.startsWith("[") && literal.endsWith("]") ? literal.substring(1, literal.length() - 1) : literal;
    }
}
