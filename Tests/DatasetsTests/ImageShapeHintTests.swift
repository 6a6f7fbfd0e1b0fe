import DCNCore
import Testing

@Suite("Image-shape hint")
struct ImageShapeHintTests {
    @Test("pixel data of s² or 3s² features suggests s × s (× 3); other widths, shaped data and tables do not")
    func suggestsSquareImages() {
        #expect(ImageShapeHint.shape(forPixelDimensions: 784) == [28, 28])
        #expect(ImageShapeHint.shape(forPixelDimensions: 64) == [8, 8])
        #expect(ImageShapeHint.shape(forPixelDimensions: 3072) == [32, 32, 3])
        #expect(ImageShapeHint.shape(forPixelDimensions: 50) == nil)
        #expect(ImageShapeHint.shape(forPixelDimensions: 9) == nil)  // too small to be an image worth drawing
        #expect(ImageShapeHint.suggestion(dimensions: 784, imageShape: nil, pixelScaled: true)?.contains("--image-shape 28x28") == true)
        #expect(ImageShapeHint.suggestion(dimensions: 784, imageShape: [28, 28], pixelScaled: true) == nil)
        #expect(ImageShapeHint.suggestion(dimensions: 784, imageShape: nil, pixelScaled: false) == nil)
    }
}
