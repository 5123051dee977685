/** Product media: images only (`MediaImage`), behind Shopify's `Media` interface. */
export const mediaSdl = /* GraphQL */ `
  enum MediaContentType {
    EXTERNAL_VIDEO
    IMAGE
    MODEL_3D
    VIDEO
  }

  enum MediaStatus {
    FAILED
    PROCESSING
    READY
    UPLOADED
  }

  enum MediaPreviewImageStatus {
    FAILED
    PROCESSING
    READY
    UPLOADED
  }

  enum ProductMediaSortKeys {
    ID
    POSITION
    RELEVANCE
  }

  enum ProductImageSortKeys {
    CREATED_AT
    ID
    POSITION
    RELEVANCE
  }

  type Image {
    id: ID
    url: URL!
    altText: String
    width: Int
    height: Int
  }

  type MediaPreviewImage {
    image: Image
    status: MediaPreviewImageStatus!
  }

  interface Media {
    id: ID!
    alt: String
    mediaContentType: MediaContentType!
    status: MediaStatus!
    preview: MediaPreviewImage
  }

  type MediaImage implements Node & Media {
    id: ID!
    alt: String
    mediaContentType: MediaContentType!
    status: MediaStatus!
    preview: MediaPreviewImage
    image: Image
    mimeType: String
    createdAt: DateTime!
    updatedAt: DateTime!
  }

  type MediaConnection {
    edges: [MediaEdge!]!
    nodes: [Media!]!
    pageInfo: PageInfo!
  }

  type MediaEdge {
    cursor: String!
    node: Media!
  }

  type ImageConnection {
    edges: [ImageEdge!]!
    nodes: [Image!]!
    pageInfo: PageInfo!
  }

  type ImageEdge {
    cursor: String!
    node: Image!
  }
`;
