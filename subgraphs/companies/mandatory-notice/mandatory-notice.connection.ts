import { Connection } from '../../lib/pagination';
import { MandatoryNotice } from './mandatory-notice.entity';

/** `MandatoryNoticeConnection` and `MandatoryNoticeEdge`: pages of notices, newest filing first. */
export const MandatoryNoticeConnection = Connection(MandatoryNotice, 'MandatoryNotice', 'A page of mandatory notices, newest filing first.');
