package mx.gob.imss.icsoe.keycloak.curp;

import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * How long {@link Curp#check(String)} takes per call: the reset step runs it on every request and
 * test harnesses filter generated CURPs with it. Not part of the default build:
 *
 * <pre>
 * mvn -Pbench verify -Dbench.include=CurpCheckBenchmark -Dbench.args="-f 1 -wi 3 -i 5 -w 1s -r 1s -bm avgt -tu ns"
 * </pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class CurpCheckBenchmark {

    @Param({
            "HEGG560427MVZRRL04",            // valid: every rule runs
            " hegg560427mvzrrl04 ",          // valid after trimming and case folding
            "ＨＥＧＧ５６０４２７ＭＶＺＲＲＬ０４", // valid after full-width folding
            "HEGG560427MVZRRL05",            // fails last: check digit
            "admin"})                        // fails first: length
    public String input;

    @Benchmark
    public CurpCheck check() {
        return Curp.check(input);
    }
}
