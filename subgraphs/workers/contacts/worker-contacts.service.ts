import { badUserInput, type InputProblem, notFound } from '../../lib/errors';
import { type WorkersContext } from '../context';
import { type Worker } from '../worker/worker.entity';
import { ContactSource, WorkerContactsRow } from './worker-contacts.entity';
import { type UpdateMyContactsInput } from './worker-contacts.input';
import { checkAddress, checkEmail, checkItalianPhone } from './worker-contacts.validation';

type PointKey = 'phone' | 'mobilePhone' | 'email' | 'pec';

/** The person's own changes to their contacts. */
export class WorkerContactsService {
  constructor(private readonly ctx: WorkersContext) {}

  /**
   * Records the contacts the caller (a citizen, through the `self` row scope) gives for
   * themselves, each with source SELF_DECLARED and the time of the change: every problem of
   * the input is reported at once (BAD_USER_INPUT) and then nothing is written.
   */
  async updateMine(input: UpdateMyContactsInput): Promise<Worker> {
    const worker = this.ctx.caller ? await this.ctx.loaders.workerByFiscalCode.load(this.ctx.caller.subject) : null;
    if (!worker) throw notFound('The person');

    const problems: InputProblem[] = [];
    const points: [PointKey, string | null][] = [];
    const given = (key: keyof UpdateMyContactsInput) => input[key] !== undefined;
    if (!(['phone', 'mobilePhone', 'email', 'pec', 'domicileAddress'] as const).some(given)) {
      throw badUserInput([{ path: 'input', message: 'must give at least one contact to change' }]);
    }
    for (const key of ['phone', 'mobilePhone', 'email', 'pec'] as const) {
      const raw = input[key];
      if (raw === undefined) continue;
      if (raw === null) {
        points.push([key, null]);
        continue;
      }
      const checked = key === 'email' || key === 'pec' ? checkEmail(`input.${key}`, raw) : checkItalianPhone(`input.${key}`, raw, key === 'mobilePhone');
      problems.push(...checked.problems);
      points.push([key, checked.value]);
    }
    const address = input.domicileAddress ? checkAddress('input.domicileAddress', input.domicileAddress) : null;
    problems.push(...(address?.problems ?? []));
    if (problems.length) throw badUserInput(problems);

    const now = new Date();
    const row = (await this.ctx.em.findOne(WorkerContactsRow, { worker })) ?? this.ctx.em.create(WorkerContactsRow, { worker });
    for (const [key, value] of points) {
      row[key] = value;
      row[`${key}Source`] = value === null ? null : ContactSource.SELF_DECLARED;
      row[`${key}UpdatedAt`] = value === null ? null : now;
    }
    if (input.domicileAddress === null) {
      Object.assign(row, { street: null, streetNumber: null, postcode: null, addressSource: null, addressUpdatedAt: null });
    } else if (address?.value) {
      Object.assign(row, { ...address.value, addressSource: ContactSource.SELF_DECLARED, addressUpdatedAt: now });
    }
    await this.ctx.em.flush();
    this.ctx.loaders.contactsByWorker.clear(worker.id);
    return worker;
  }
}
