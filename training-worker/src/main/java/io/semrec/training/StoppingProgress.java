package io.semrec.training;

/** A job's progress reporter that also stops the trainer (by throwing) once the job must stop. */
public final class StoppingProgress {

    private StoppingProgress() {
    }

    public static ProgressReporter of(TrainingContext context) {
        ProgressReporter progress = context.progress();
        return new ProgressReporter() {
            @Override
            public void phase(String name, int total) {
                context.checkStop();
                progress.phase(name, total);
            }

            @Override
            public void step(int done) {
                context.checkStop();
                progress.step(done);
            }

            @Override
            public void metric(String name, int step, double value) {
                context.checkStop();
                progress.metric(name, step, value);
            }
        };
    }
}
