import { ActivityFailure, ApplicationFailure, RetryState, TimeoutFailure, TimeoutType } from '@temporalio/common';
import { describe, expect, it } from 'vitest';
import { noWorkerTookActivity, rootMessage } from './failure-message.ts';

const activityFailure = (cause: Error) => new ActivityFailure('activity failed', 'typeMessage', '7', RetryState.NON_RETRYABLE_FAILURE, 'worker', cause);

describe('activity failures', () => {
  it('tells a host that never took the activity from one that failed it', () => {
    expect(noWorkerTookActivity(activityFailure(new TimeoutFailure('activity timeout', undefined, TimeoutType.SCHEDULE_TO_START)))).toBe(true);
    expect(noWorkerTookActivity(activityFailure(new TimeoutFailure('activity timeout', undefined, TimeoutType.START_TO_CLOSE)))).toBe(false);
    expect(noWorkerTookActivity(activityFailure(ApplicationFailure.nonRetryable('no pane %3')))).toBe(false);
    expect(noWorkerTookActivity(new Error('schedule to start'))).toBe(false);
  });

  it('gives the original words', () => {
    expect(rootMessage(activityFailure(ApplicationFailure.nonRetryable('no pane %3')))).toBe('no pane %3');
  });
});
