import { MandatoryNoticeType, type WorkingTime } from '../mandatory-notice/notice.codes';
import { EmploymentStatus } from './employment-relationship.entity';

/** What a relationship holds besides its identity: the state its notices leave. */
export interface RelationshipState {
  recordedStatus: EmploymentStatus;
  contractType: string;
  workingTime: WorkingTime;
  weeklyHours: number | null;
  startDate: string;
  plannedEndDate: string | null;
  terminationDate: string | null;
}

/** The state of a stored relationship, in the shape {@link applyNotice} takes. */
export function stateOf(relationship: {
  recordedStatus: EmploymentStatus;
  contractType: string;
  workingTime: WorkingTime;
  weeklyHours?: number | null;
  startDate: string;
  plannedEndDate?: string | null;
  terminationDate?: string | null;
}): RelationshipState {
  return {
    recordedStatus: relationship.recordedStatus,
    contractType: relationship.contractType,
    workingTime: relationship.workingTime,
    weeklyHours: relationship.weeklyHours ?? null,
    startDate: relationship.startDate,
    plannedEndDate: relationship.plannedEndDate ?? null,
    terminationDate: relationship.terminationDate ?? null,
  };
}

/** The facts of a notice that shape its relationship. */
export interface NoticeFacts {
  type: MandatoryNoticeType;
  contractType: string;
  workingTime: WorkingTime;
  weeklyHours: number | null;
  startDate: string;
  endDate: string | null;
  eventDate: string;
}

/**
 * The notices that may follow, per state the relationship is in. A HIRE creates a
 * relationship and so follows none; ended and annulled relationships take no more notices
 * (rectification and annulment come with their own operations).
 */
export const NOTICES_ALLOWED: Readonly<Record<EmploymentStatus, readonly MandatoryNoticeType[]>> = {
  ACTIVE: [MandatoryNoticeType.EXTENSION, MandatoryNoticeType.TRANSFORMATION, MandatoryNoticeType.TRANSFER, MandatoryNoticeType.TERMINATION],
  TERMINATED: [],
  ANNULLED: [],
};

/**
 * The relationship after a notice. Every UniLav notice carries the relationship's data as
 * it stands after the event, so contract type, working time and planned end follow the
 * latest notice; a termination also ends it. The service and the seeder both use this.
 */
export function applyNotice(state: RelationshipState | null, notice: NoticeFacts): RelationshipState {
  const terminated = notice.type === MandatoryNoticeType.TERMINATION;
  return {
    recordedStatus: terminated ? EmploymentStatus.TERMINATED : (state?.recordedStatus ?? EmploymentStatus.ACTIVE),
    contractType: notice.contractType,
    workingTime: notice.workingTime,
    weeklyHours: notice.weeklyHours,
    startDate: state?.startDate ?? notice.startDate,
    plannedEndDate: notice.endDate,
    terminationDate: terminated ? notice.eventDate : (state?.terminationDate ?? null),
  };
}

/**
 * The status as read on `today`: a relationship still ACTIVE by its notices whose planned
 * end date is before today has ended at its term (no termination notice is due for that)
 * and reads TERMINATED.
 */
export function effectiveStatus(state: { recordedStatus: EmploymentStatus; plannedEndDate?: string | null }, today: string): EmploymentStatus {
  if (state.recordedStatus === EmploymentStatus.ACTIVE && state.plannedEndDate != null && state.plannedEndDate < today) {
    return EmploymentStatus.TERMINATED;
  }
  return state.recordedStatus;
}

/** The day the relationship ended: the termination date, or the planned end once it has passed; null while it goes on. */
export function endedOn(
  state: { recordedStatus: EmploymentStatus; plannedEndDate?: string | null; terminationDate?: string | null },
  today: string,
): string | null {
  if (state.recordedStatus === EmploymentStatus.ANNULLED) return null;
  if (state.terminationDate != null) return state.terminationDate;
  return effectiveStatus(state, today) === EmploymentStatus.TERMINATED ? (state.plannedEndDate ?? null) : null;
}
