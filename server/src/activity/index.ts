export { ActivityRecorder, DESCRIPTION_COALESCE_MS, type RoomWatch } from "./ActivityRecorder";
export {
  ACTIVITY_KINDS,
  type ActivityData,
  type ActivityEntry,
  type ActivityKind,
  type ActivityPage,
  type ActivityStore,
  type StoredActivity,
} from "./ActivityStore";
export { type ActivityList, type ActivityService, createActivityService } from "./activityService";
export { cumulativeFlow, type FlowDay } from "./flow";
export { importActivity } from "./importActivity";
export { MemoryActivityStore } from "./MemoryActivityStore";
export { PgActivityStore } from "./PgActivityStore";
export { SqliteActivityStore } from "./SqliteActivityStore";
