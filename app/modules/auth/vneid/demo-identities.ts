import type { VerifiedAddress } from './claims'

/**
 * The people "VNeID (demo)" knows (README, "Demo identities"). Nguyễn Văn An is the seeded citizen
 * (congdan@example.vn, the same personal identification number), so his first VNeID sign-in asks for his
 * password once to link the accounts; he can sign in at level 1 or level 2. Trần Thị Bình has no portal
 * account: her first sign-in creates one. Lê Văn Cường has only a level-1 account.
 */
export interface DemoIdentity {
  /** the provider's subject (`sub`) */
  id: string
  fullName: string
  personalId: string
  birthdate: string
  gender: 'male' | 'female'
  address: VerifiedAddress
  phone: string
  levels: (1 | 2)[]
}

export const demoIdentities: DemoIdentity[] = [
  {
    id: 'vneid-demo-an',
    fullName: 'Nguyễn Văn An',
    personalId: '079090001234',
    birthdate: '1990-09-02',
    gender: 'male',
    address: {
      province: 'Thành phố Hồ Chí Minh',
      district: 'Quận 1',
      ward: 'Phường Bến Nghé',
      street: '12 Lê Lợi',
    },
    phone: '0912345678',
    levels: [2, 1],
  },
  {
    id: 'vneid-demo-binh',
    fullName: 'Trần Thị Bình',
    personalId: '001192004567',
    birthdate: '1992-03-15',
    gender: 'female',
    address: {
      province: 'Thành phố Hà Nội',
      district: 'Quận Ba Đình',
      ward: 'Phường Phúc Xá',
      street: '5 Hàng Gà',
    },
    phone: '0987654321',
    levels: [2],
  },
  {
    id: 'vneid-demo-cuong',
    fullName: 'Lê Văn Cường',
    personalId: '048085007890',
    birthdate: '1985-11-20',
    gender: 'male',
    address: {
      province: 'Thành phố Đà Nẵng',
      district: 'Quận Hải Châu',
      ward: 'Phường Thạch Thang',
      street: '20 Bạch Đằng',
    },
    phone: '0905123456',
    levels: [1],
  },
]

/** The acr value the demo provider gives for a level, and the level read back from it (claims.ts `levelOf`). */
export const acrFor = (level: 1 | 2) => `urn:vneid:loa:${level}`
