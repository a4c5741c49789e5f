package mx.gob.imss.icsoe.keycloak.policy.bench;

import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;

import mx.gob.imss.icsoe.keycloak.policy.IcsoeRule;

/** The five ICSOE checks at their defaults on one password that passes them all (so each scans it to the end). */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class IcsoeRulesBenchmark {

    @Param({"Rb7!kLm#Q2zt"})
    public String password;

    private static final IcsoeRule[] RULES = IcsoeRule.values();
    private static final Object[] DEFAULTS = java.util.Arrays.stream(RULES).map(rule -> rule.parse(null)).toArray();

    @Benchmark
    public int allFiveRules() {
        int broken = 0;
        for (int i = 0; i < RULES.length; i++) {
            if (RULES[i].breaks(password, DEFAULTS[i])) {
                broken++;
            }
        }
        return broken;
    }
}
