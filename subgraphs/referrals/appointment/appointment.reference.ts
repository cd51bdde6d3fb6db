import { type ReferralsContext } from '../context';
import { type Appointment } from './appointment.entity';

/** `_entities` for Appointment: by id alone through the scoped loader, so one outside the caller's scope is null like an unknown id. */
export function resolveAppointmentReference(reference: { id: string }, ctx: ReferralsContext): Promise<Appointment | null> {
  return ctx.loaders.appointmentById.load(reference.id);
}
