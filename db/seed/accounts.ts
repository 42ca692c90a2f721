import type { StaffRole } from '../schema'

/** Demo accounts, listed in the README. Demo only: never seed these into production (SEED_DEMO=false). */
export const demoPasswords = { citizen: 'CongDan@2026', staff: 'CanBo@2026' } as const

export const demoCitizen = {
  email: 'congdan@example.vn',
  fullName: 'Nguyễn Văn An',
  phone: '0912345678',
  citizenId: '079090001234',
}

export const staffAgencies = ['STP', 'UBQ1'] as const
export const staffRoleList: StaffRole[] = ['reception', 'specialist', 'approver', 'finance', 'admin']

const staffNames: Record<StaffRole, string[]> = {
  reception: ['Trần Thị Bích', 'Lê Văn Cường'],
  specialist: ['Phạm Minh Đức', 'Hoàng Thị Em'],
  approver: ['Võ Quốc Phong', 'Đặng Thu Giang'],
  finance: ['Bùi Thị Hạnh', 'Ngô Văn Khải'],
  admin: ['Đỗ Thanh Lâm', 'Dương Thị Mai'],
}

/** A second finance clerk per agency: refunds need one to request and another to approve. */
const secondFinanceNames = ['Lý Thị Nga', 'Tạ Văn Phúc']

/**
 * The city's super-administrator: the admin role on the city People's Committee (TP, the root of the agency
 * tree), which administers every agency and alone edits the city-wide holiday calendar.
 */
const cityAdmin = {
  email: 'admin.city@example.gov.vn',
  fullName: 'Trịnh Văn Quang',
  agency: 'TP',
  role: 'admin' as const,
}

/** e.g. reception.stp@example.gov.vn, and finance2.stp@example.gov.vn; and the city's admin.city@example.gov.vn */
export const demoStaff = [
  ...staffAgencies.flatMap((agency, i) => [
    ...staffRoleList.map((role) => ({
      email: `${role}.${agency.toLowerCase()}@example.gov.vn`,
      fullName: staffNames[role][i],
      agency,
      role,
    })),
    {
      email: `finance2.${agency.toLowerCase()}@example.gov.vn`,
      fullName: secondFinanceNames[i],
      agency,
      role: 'finance' as const,
    },
  ]),
  cityAdmin,
]
