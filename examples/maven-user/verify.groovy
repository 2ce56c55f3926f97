// CI's check of this example (run by maven-invoker-plugin after `mvn test`; not part of the
// example itself): the build printed the warning the README shows, generated the guarded
// class, and really ran both JUnit 5 tests (an old surefire runs none and still succeeds).
def log = new File(basedir, 'build.log').text
def warning = ~/PairLoss\.java:\[10,\d+\] \[nanguard:sqrt\] /
assert log =~ warning : 'no [nanguard:sqrt] warning for PairLoss.java line 10 in build.log'
def generated = new File(basedir, 'target/generated-sources/annotations/com/example/GuardedPairLoss.java')
assert generated.isFile() : "not generated: $generated"
assert generated.text.contains('Guard.sqrt(') : 'GuardedPairLoss does not guard the sqrt'
assert log.contains('Tests run: 2, Failures: 0, Errors: 0, Skipped: 0') : 'the two tests did not run and pass'
return true
